package io.landlord.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * A sub-tenant's public data, as its main tenant sees it: no profile (the sub-tenant's own business) and no
 * clients.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubTenantResponse(UUID id, String name, String subdomain, String type, UUID mainTenantId, String code,
        String description, String tag, String verifiedDomain, boolean locked, Instant createdAt, Instant updatedAt) {

    static SubTenantResponse from(Tenant t) {
        return new SubTenantResponse(t.id, t.name, t.host(), t.type, t.mainTenantId, t.code, t.description, t.tag,
                t.verifiedDomain, t.locked, t.createdAt, t.updatedAt);
    }
}
