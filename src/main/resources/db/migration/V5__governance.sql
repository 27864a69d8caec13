-- Tenant governance: attribute search (trigram indexes for CONTAINS / ENDS_WITH), entitlements, usage.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX tenants_name_trgm ON tenants USING gin (lower(name) gin_trgm_ops);
CREATE INDEX tenants_subdomain_trgm ON tenants USING gin (lower(subdomain) gin_trgm_ops);
-- Keyset orderings of the search: (value, id) for each orderable column.
CREATE INDEX tenants_name_id ON tenants (lower(name), id);
CREATE INDEX tenants_subdomain_id ON tenants (lower(subdomain), id);
CREATE INDEX tenants_locked ON tenants (id) WHERE locked;

CREATE TABLE entitlements (
    tenant_id     uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    type          text        NOT NULL CHECK (type IN ('USERS', 'TRANSACTIONS', 'AUTHENTICATIONS', 'ISSUANCE')),
    quantity      bigint      NOT NULL CHECK (quantity >= 0),
    contract_mode text        NOT NULL CHECK (contract_mode IN ('TRIAL', 'PRODUCTION')),
    starts_at     timestamptz,
    ends_at       timestamptz,
    hard_limit    boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, type),
    CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX entitlements_contract_mode ON entitlements (contract_mode, tenant_id);
