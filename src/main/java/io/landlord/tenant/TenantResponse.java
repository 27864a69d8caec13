package io.landlord.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.landlord.client.ClientResponse;
import io.landlord.environment.EnvironmentResponse;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant as the API shows it: {@code subdomain} is the full host. {@code client} (the default admin client
 * with its one-time secret) is present only in the response of a create; {@code deletedAt} and {@code purgeAfter}
 * only for a deleted tenant.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantResponse(UUID id, String name, String subdomain, EnvironmentResponse environment, String type,
        UUID mainTenantId, String code, String description, String tag, Map<String, Object> profile, boolean locked,
        Instant lockedAt, Instant createdAt, Instant updatedAt, ClientResponse client, Instant deletedAt, Instant purgeAfter) {

    public static TenantResponse from(Tenant t) {
        return withClient(t, null);
    }

    public static TenantResponse withClient(Tenant t, ClientResponse client) {
        return of(t, client, null, null);
    }

    public static TenantResponse deleted(DeletedTenant t) {
        return of(t, null, t.deletedAt, t.purgeAfter);
    }

    private static TenantResponse of(TenantState t, ClientResponse client, Instant deletedAt, Instant purgeAfter) {
        return new TenantResponse(t.id, t.name, t.host(), EnvironmentResponse.from(t.environment), t.type, t.mainTenantId,
                t.code, t.description, t.tag, t.profile, t.locked, t.lockedAt, t.createdAt, t.updatedAt, client,
                deletedAt, purgeAfter);
    }
}
