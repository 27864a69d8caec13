-- API clients. tenant_id is NULL for management clients; tenant clients arrive with the tenants table.
CREATE TABLE clients (
    id          uuid        PRIMARY KEY,
    client_id   text        NOT NULL UNIQUE CHECK (length(client_id) BETWEEN 1 AND 200),
    tenant_id   uuid,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    roles       text[]      NOT NULL DEFAULT '{}',
    secret_hash bytea       NOT NULL CHECK (length(secret_hash) = 32),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX clients_tenant_created_at_id ON clients (tenant_id, created_at, id);
