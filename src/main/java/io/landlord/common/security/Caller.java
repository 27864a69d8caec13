package io.landlord.common.security;

import io.landlord.common.error.ApiException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: a management client ({@code tenantId} null) or a tenant's client. The one place where a
 * tenant-bound token is confined to its tenant.
 */
public record Caller(String clientId, UUID tenantId, Set<String> roles) {

    public static Caller of(SecurityIdentity identity) {
        UUID tenantId = identity.getAttribute(AccessTokenIdentityProvider.TENANT_ID);
        return new Caller(identity.getPrincipal().getName(), tenantId, Set.copyOf(identity.getRoles()));
    }

    public boolean isPlatformAdmin() {
        return isManagement() && roles.contains(Roles.PLATFORM_ADMIN);
    }

    public boolean isManagement() {
        return tenantId == null;
    }

    /** Management-plane operations are not for tenant clients, whatever their permissions: 403. */
    public void requireManagement() {
        if (!isManagement()) {
            throw new ForbiddenException();
        }
    }

    /** The caller's own tenant, for the tenant's self-service endpoints; a management client has none: 403. */
    public UUID requireTenant() {
        if (isManagement()) {
            throw new ForbiddenException();
        }
        return tenantId;
    }

    /**
     * A tenant client reaching for another tenant gets the same 404 as for a tenant that does not exist, so
     * ids do not leak.
     */
    public void requireAccessTo(UUID tenant) {
        if (!isManagement() && !tenantId.equals(tenant)) {
            throw ApiException.notFound("Tenant");
        }
    }
}
