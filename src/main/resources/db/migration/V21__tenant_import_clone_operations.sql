-- Imports and clones are operations too. Their result (the new tenant with its clients) is sealed in result_secret and
-- handed out once when it holds new secrets or keys, else kept in result like an export's bundle.
-- V20 left both checks unnamed: PostgreSQL named the one on result and kind like a table check (operations_check2,
-- after V4's operations_check and operations_check1).
ALTER TABLE operations
    DROP CONSTRAINT operations_kind_check,
    ADD CONSTRAINT operations_kind_check CHECK (kind IN ('TENANT_CREATE', 'TENANT_EXPORT', 'TENANT_IMPORT', 'TENANT_CLONE')),
    DROP CONSTRAINT operations_check2,
    ADD CONSTRAINT operations_result_check CHECK (result IS NULL OR kind <> 'TENANT_CREATE');
