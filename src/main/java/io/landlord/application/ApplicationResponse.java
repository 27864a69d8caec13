package io.landlord.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationResponse(UUID id, UUID tenantId, String productCode, String packageCode, String description,
        int ttlHours, Instant createdAt, Instant updatedAt) {

    static ApplicationResponse from(Application a) {
        return new ApplicationResponse(a.id, a.tenantId, a.productCode, a.packageCode, a.description, a.ttlHours,
                a.createdAt, a.updatedAt);
    }
}
