package io.landlord.application;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import java.util.UUID;

/** What a gateway learns from a live key: whose it is and what it may use. */
@RegisterForReflection
public record VerifiedApiKeyResponse(UUID tenantId, UUID applicationId, String productCode, String packageCode, String env,
        Map<String, Object> config) {
}
