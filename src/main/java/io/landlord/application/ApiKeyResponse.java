package io.landlord.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An API key as the API shows it; {@code key} only in the response that created it. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyResponse(UUID id, UUID applicationId, String key, String label, String env, Instant expiresAt,
        String device, String geo, Map<String, Object> config, Instant createdAt, Instant revokedAt) {

    public static ApiKeyResponse from(ApiKey k) {
        return withKey(k, null);
    }

    public static ApiKeyResponse withKey(ApiKey k, String key) {
        return new ApiKeyResponse(k.id, k.applicationId, key, k.label, k.env, k.expiresAt, k.device, k.geo, k.config,
                k.createdAt, k.revokedAt);
    }
}
