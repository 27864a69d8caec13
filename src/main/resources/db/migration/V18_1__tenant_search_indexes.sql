-- Tenant search (TenantSearch) orders by one attribute's sort key, then id. Where the conditions match nearly every
-- tenant, the planner walks an index in that order, filters, and stops after a page, instead of reading and sorting
-- the whole table: name, subdomain and createdAt have theirs (tenants_name_id, tenants_subdomain_id,
-- tenants_created_at_id); these are the other attributes' sort keys, as TenantSearch.Attribute spells them (the
-- planner matches the expressions). contractMode's key is a subquery, which no index can hold.
CREATE INDEX tenants_code_id ON tenants ((coalesce(lower(code), '')), id);
CREATE INDEX tenants_tag_id ON tenants ((coalesce(lower(tag), '')), id);
CREATE INDEX tenants_type_id ON tenants (type, id);
CREATE INDEX tenants_environment_id_id ON tenants (environment_id, id);
CREATE INDEX tenants_main_tenant_id_id ON tenants ((coalesce(main_tenant_id, '00000000-0000-0000-0000-000000000000'::uuid)), id);
CREATE INDEX tenants_locked_id ON tenants (locked, id);
