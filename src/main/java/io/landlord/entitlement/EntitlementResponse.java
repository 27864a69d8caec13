package io.landlord.entitlement;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntitlementResponse(UUID tenantId, String type, long quantity, String contractMode, Instant startsAt,
        Instant endsAt, boolean hardLimit, Instant createdAt, Instant updatedAt) {

    static EntitlementResponse from(Entitlement e) {
        return new EntitlementResponse(e.tenantId, e.type, e.quantity, e.contractMode, e.startsAt, e.endsAt, e.hardLimit,
                e.createdAt, e.updatedAt);
    }
}
