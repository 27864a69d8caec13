-- Two costs measured at 1,000,000 tenants (issue 25), each removed here.
--
-- 1. A rare name or subdomain fragment is looked up in a trigram GIN index, and every such lookup also reads the
--    index's whole pending list: the entries of recent inserts, kept unsorted until a vacuum (or 4 MB of them) merges
--    them in. After 30,000 tenant creations the lists were 249 and 446 pages, and a lookup took 2.5 and 4.4 ms instead
--    of 0.4 and 0.5. A 256 kB list is merged by the insert that fills it: lookups read at most 32 pages of it, and an
--    insert costs about twice what it did (about 200 µs instead of 100 µs), not the 3.5 times of no list at all.
ALTER INDEX tenants_name_trgm SET (gin_pending_list_limit = 256);
ALTER INDEX tenants_subdomain_trgm SET (gin_pending_list_limit = 256);
SELECT gin_clean_pending_list('tenants_name_trgm'::regclass), gin_clean_pending_list('tenants_subdomain_trgm'::regclass);

-- 2. A search ordered by name (or subdomain) that matches nearly everything walks that ordering's index and filters;
--    where non-matching names come first (30,000 "Bench …" before the "Seed tenant …" ones), each one skipped cost a
--    visit of its table row (22 ms for a page). These indexes cover what the search reads and filters (the sort key,
--    the id and the text itself) over live tenants only, as the tenants view selects them: the walk is then an
--    index-only scan that does not visit the table for rows the visibility map knows (4.6 ms for the same page).
CREATE INDEX tenants_name_live ON tenant_rows ((lower(name)), id) INCLUDE (name) WHERE deleted_at IS NULL;
CREATE INDEX tenants_subdomain_live ON tenant_rows ((lower(subdomain)), id) INCLUDE (subdomain) WHERE deleted_at IS NULL;
DROP INDEX tenants_name_id;
DROP INDEX tenants_subdomain_id;

-- The visibility map is set by vacuum; by default inserts alone trigger one only after 20 % of the table is new
-- (200,000 tenants at a million). After 1 % the index-only walks above stay index-only.
ALTER TABLE tenant_rows SET (autovacuum_vacuum_insert_scale_factor = 0.01);
