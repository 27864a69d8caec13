package io.landlord.application;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/**
 * {@code POST …/applications/{appId}/keys} (SOAJS extKey): {@code expiresAt} must be in the future and defaults
 * to now plus the application's {@code ttlHours}; {@code config} is free JSON handed to gateways on verification.
 */
public record CreateApiKeyRequest(
        @Size(max = 200) String label,
        @NotNull @Pattern(regexp = ENV, message = ENV_MESSAGE) String env,
        Instant expiresAt,
        @Size(max = 200) String device,
        @Size(max = 200) String geo,
        Map<String, Object> config) {
    public static final String ENV = "^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$";
    public static final String ENV_MESSAGE = "must be 1-50 letters, digits, '_' or '-'";
}
