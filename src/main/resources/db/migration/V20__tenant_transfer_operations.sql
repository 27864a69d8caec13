-- Operations of more than one kind: a tenant's creation (as before), its export, and the import or clone that makes a
-- tenant from a bundle. An export's result is the bundle, kept (not handed out once: it holds no secret in clear)
-- until result_expires_at; an import's or clone's result (the new tenant with its clients) is sealed in result_secret
-- and handed out once when it holds new secrets or keys, else kept in result like a bundle.
ALTER TABLE operations
    ADD COLUMN kind   text  NOT NULL DEFAULT 'TENANT_CREATE'
        CONSTRAINT operations_kind_check CHECK (kind IN ('TENANT_CREATE', 'TENANT_EXPORT', 'TENANT_IMPORT', 'TENANT_CLONE')),
    ADD COLUMN result jsonb
        CONSTRAINT operations_result_check CHECK (result IS NULL OR kind <> 'TENANT_CREATE');

-- Results to expire.
CREATE INDEX operations_bundle_expiry ON operations (result_expires_at) WHERE result IS NOT NULL;
