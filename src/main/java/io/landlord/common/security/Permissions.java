package io.landlord.common.security;

import java.util.List;

/** Permission names of the management plane, as {@code @PermissionsAllowed} and tokens spell them. */
public final class Permissions {

    public static final String ENVIRONMENTS_READ = "environments:read";
    public static final String ENVIRONMENTS_WRITE = "environments:write";
    public static final String TENANTS_CREATE = "tenants:create";
    public static final String TENANTS_READ = "tenants:read";
    public static final String TENANTS_UPDATE = "tenants:update";
    public static final String TENANTS_DELETE = "tenants:delete";
    public static final String TENANTS_LOCK = "tenants:lock";
    public static final String TENANTS_PURGE = "tenants:purge";
    public static final String CLIENTS_CREATE = "clients:create";
    public static final String CLIENTS_READ = "clients:read";
    public static final String CLIENTS_UPDATE = "clients:update";
    public static final String CLIENTS_DELETE = "clients:delete";
    public static final String ENTITLEMENTS_READ = "entitlements:read";
    public static final String ENTITLEMENTS_WRITE = "entitlements:write";
    public static final String USAGE_READ = "usage:read";
    public static final String USAGE_WRITE = "usage:write";
    public static final String OPERATIONS_READ = "operations:read";
    public static final String EVENTS_READ = "events:read";
    public static final String WEBHOOKS_READ = "webhooks:read";
    public static final String WEBHOOKS_WRITE = "webhooks:write";
    public static final String IDENTITY_PROVIDERS_READ = "identity-providers:read";
    public static final String IDENTITY_PROVIDERS_WRITE = "identity-providers:write";
    public static final String APIKEYS_VERIFY = "apikeys:verify";
    public static final String TOKENS_INTROSPECT = "tokens:introspect";
    public static final String TOKENS_REVOKE = "tokens:revoke";

    public static final List<String> MANAGEMENT = List.of(
            ENVIRONMENTS_READ, ENVIRONMENTS_WRITE,
            TENANTS_CREATE, TENANTS_READ, TENANTS_UPDATE, TENANTS_DELETE, TENANTS_LOCK, TENANTS_PURGE,
            CLIENTS_CREATE, CLIENTS_READ, CLIENTS_UPDATE, CLIENTS_DELETE,
            ENTITLEMENTS_READ, ENTITLEMENTS_WRITE, USAGE_READ, USAGE_WRITE,
            OPERATIONS_READ, EVENTS_READ, WEBHOOKS_READ, WEBHOOKS_WRITE,
            IDENTITY_PROVIDERS_READ, IDENTITY_PROVIDERS_WRITE, APIKEYS_VERIFY, TOKENS_INTROSPECT, TOKENS_REVOKE);

    /** Tenant-plane permissions, checked by the platform's own services on tenant tokens. */
    public static final String CREDENTIALS_ISSUE = "credentials:issue";
    public static final String CREDENTIALS_VERIFY = "credentials:verify";
    public static final String DIDS_CREATE = "dids:create";
    public static final String DIDS_READ = "dids:read";

    public static final List<String> TENANT_ADMIN = List.of(
            TENANTS_READ, TENANTS_UPDATE, CLIENTS_CREATE, CLIENTS_READ, CLIENTS_UPDATE, CLIENTS_DELETE,
            ENTITLEMENTS_READ, USAGE_READ, EVENTS_READ, IDENTITY_PROVIDERS_READ, IDENTITY_PROVIDERS_WRITE,
            CREDENTIALS_ISSUE, CREDENTIALS_VERIFY, DIDS_CREATE, DIDS_READ);
    public static final List<String> TENANT_ISSUER = List.of(CREDENTIALS_ISSUE, DIDS_CREATE, DIDS_READ);
    public static final List<String> TENANT_VERIFIER = List.of(CREDENTIALS_VERIFY, DIDS_READ);
    public static final List<String> TENANT_VIEWER = List.of(TENANTS_READ, CLIENTS_READ, ENTITLEMENTS_READ, USAGE_READ, DIDS_READ);

    private Permissions() {
    }
}
