-- Tenant self-service and federation: verified domain, OIDC identity provider, applications and API keys,
-- and the public-info rate-limit counters.

-- Set by the management plane only; shown in the tenant's own view and its public info.
ALTER TABLE tenants
    ADD COLUMN verified_domain text
        CHECK (length(verified_domain) <= 253
           AND verified_domain ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$');

-- The tenant's enterprise SSO (IBM "spidentityprovider", DataTrails enterprise_sso_config): one per tenant.
CREATE TABLE identity_providers (
    tenant_id     uuid        PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    issuer        text        NOT NULL CHECK (issuer ~ '^https://' AND length(issuer) <= 2000),
    client_id     text        NOT NULL CHECK (length(client_id) BETWEEN 1 AND 255),
    -- AES-256-GCM (nonce || ciphertext || tag) under LANDLORD_ENCRYPTION_KEY; never returned.
    client_secret bytea,
    scopes        text[]      NOT NULL DEFAULT '{openid}',
    enabled       boolean     NOT NULL DEFAULT false,
    config_url    text        CHECK (config_url ~ '^https://' AND length(config_url) <= 2000),
    policy_id     text        CHECK (length(policy_id) <= 255),
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- SOAJS applications: a product package a tenant subscribes to; keys belong to one application.
CREATE TABLE applications (
    id           uuid        PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    product_code text        NOT NULL CHECK (product_code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$'),
    package_code text        NOT NULL CHECK (package_code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$'),
    description  text        CHECK (length(description) <= 2000),
    ttl_hours    integer     NOT NULL CHECK (ttl_hours IN (6, 12, 24, 48, 72, 96, 120, 144, 168)),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

CREATE INDEX applications_tenant_created_at_id ON applications (tenant_id, created_at, id);

-- API keys: only the SHA-256 of the key is kept; verification is one lookup on the unique hash index.
CREATE TABLE api_keys (
    id             uuid        PRIMARY KEY,
    application_id uuid        NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    key_hash       bytea       NOT NULL CHECK (length(key_hash) = 32),
    label          text        CHECK (length(label) <= 200),
    env            text        NOT NULL CHECK (env ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$'),
    device         text        CHECK (length(device) <= 200),
    geo            text        CHECK (length(geo) <= 200),
    config         jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(config) = 'object'),
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    created_at     timestamptz NOT NULL,
    CONSTRAINT api_keys_key_hash UNIQUE (key_hash)
);

CREATE INDEX api_keys_application_created_at_id ON api_keys (application_id, created_at, id);

-- Fixed-window request counters of the unauthenticated public-info endpoint, shared by every instance.
-- UNLOGGED: counters need no crash safety, and skipping the WAL keeps the per-request upsert cheap.
CREATE UNLOGGED TABLE public_info_rate_limits (
    client_address text        PRIMARY KEY,
    window_start   timestamptz NOT NULL,
    hits           integer     NOT NULL
);
