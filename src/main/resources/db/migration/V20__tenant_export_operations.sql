-- Operations of more than one kind: a tenant's creation (as before) and its export, whose result is the bundle,
-- kept (not handed out once: it holds no secret in clear) until result_expires_at.
ALTER TABLE operations
    ADD COLUMN kind   text  NOT NULL DEFAULT 'TENANT_CREATE' CHECK (kind IN ('TENANT_CREATE', 'TENANT_EXPORT')),
    ADD COLUMN result jsonb CHECK (result IS NULL OR kind = 'TENANT_EXPORT');

-- Bundles to expire.
CREATE INDEX operations_bundle_expiry ON operations (result_expires_at) WHERE result IS NOT NULL;
