-- Deleting a tenant marks it: its rows stay until its restore window has passed (then the purge erases them), so a
-- restore brings it back exactly as it was. The table becomes tenant_rows; the view "tenants" shows the live ones, so
-- every query, join and entity that names "tenants" sees only live tenants. Foreign keys and the unique subdomain
-- stay on the table: a deleted tenant's subdomain is held until its purge.
ALTER TABLE tenants RENAME TO tenant_rows;

ALTER TABLE tenant_rows
    ADD COLUMN deleted_at  timestamptz,
    ADD COLUMN purge_after timestamptz,
    -- the tenant whose delete this one went with (itself, or its main tenant for a cascade): a restore of that
    -- tenant brings back every tenant of the same deletion
    ADD COLUMN deletion_id uuid,
    ADD CONSTRAINT tenant_rows_deletion_marks CHECK (
        (deleted_at IS NULL) = (purge_after IS NULL) AND (deleted_at IS NULL) = (deletion_id IS NULL)
        AND (purge_after IS NULL OR purge_after >= deleted_at));

CREATE INDEX tenant_rows_deleted ON tenant_rows (created_at, id) WHERE deleted_at IS NOT NULL;
CREATE INDEX tenant_rows_purge_after ON tenant_rows (purge_after) WHERE deleted_at IS NOT NULL;
CREATE INDEX tenant_rows_deletion_id ON tenant_rows (deletion_id) WHERE deletion_id IS NOT NULL;

-- Automatically updatable: inserts and updates through it reach tenant_rows.
CREATE VIEW tenants AS
SELECT id, environment_id, name, subdomain, type, main_tenant_id, code, description, tag, profile, locked, locked_at,
       created_at, updated_at, verified_domain
  FROM tenant_rows
 WHERE deleted_at IS NULL;

-- A live sub-tenant needs a live main tenant, and a main tenant with live sub-tenants is not deleted: the foreign
-- key said so while deletes removed rows, this trigger says it now. It reports the foreign key's name, so the API
-- explains it as before. FOR SHARE waits for a concurrent delete of the main tenant, and that delete (which locks
-- the row for update) waits for a sub-tenant being written.
CREATE FUNCTION tenant_rows_main_tenant_live() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.deleted_at IS NULL AND NEW.main_tenant_id IS NOT NULL THEN
        PERFORM 1 FROM tenant_rows WHERE id = NEW.main_tenant_id AND deleted_at IS NULL FOR SHARE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'main tenant is deleted' USING ERRCODE = 'foreign_key_violation',
                CONSTRAINT = 'tenants_main_tenant_id_fkey';
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN
        PERFORM 1 FROM tenant_rows WHERE main_tenant_id = NEW.id AND deleted_at IS NULL;
        IF FOUND THEN
            RAISE EXCEPTION 'tenant has live sub-tenants' USING ERRCODE = 'foreign_key_violation',
                CONSTRAINT = 'tenants_main_tenant_id_fkey';
        END IF;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER tenant_rows_main_tenant_live
    BEFORE INSERT OR UPDATE OF deleted_at, main_tenant_id ON tenant_rows
    FOR EACH ROW EXECUTE FUNCTION tenant_rows_main_tenant_live();
