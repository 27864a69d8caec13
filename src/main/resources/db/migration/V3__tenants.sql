CREATE TABLE tenants (
    id             uuid        PRIMARY KEY,
    environment_id uuid        NOT NULL REFERENCES environments (id),
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    subdomain      text        NOT NULL CHECK (subdomain ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    type           text        NOT NULL DEFAULT 'product' CHECK (type IN ('product', 'client')),
    main_tenant_id uuid        REFERENCES tenants (id),
    code           text        CHECK (length(code) <= 100),
    description    text        CHECK (length(description) <= 2000),
    tag            text        CHECK (length(tag) <= 100),
    profile        jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(profile) = 'object'),
    locked         boolean     NOT NULL DEFAULT false,
    locked_at      timestamptz,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CONSTRAINT tenants_subdomain_per_environment UNIQUE (environment_id, subdomain)
);

-- Keyset pagination walks (created_at, id); sub-tenant lookups go by main tenant.
CREATE INDEX tenants_created_at_id ON tenants (created_at, id);
CREATE INDEX tenants_main_tenant_id ON tenants (main_tenant_id) WHERE main_tenant_id IS NOT NULL;

-- A tenant's clients go with it.
ALTER TABLE clients
    ADD CONSTRAINT clients_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE;
