package io.landlord.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.landlord.common.time.Clock;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook; {@code secret} only in the answer to its creation or to a rotation of its secret;
 * {@code previousSecretExpiresAt} while the secret before the last rotation still signs.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookResponse(UUID id, String url, List<String> eventTypes, UUID tenantId, boolean enabled,
        Instant failingSince, Instant previousSecretExpiresAt, Instant createdAt, Instant updatedAt, String secret) {

    static WebhookResponse from(Webhook w) {
        return withSecret(w, null);
    }

    static WebhookResponse withSecret(Webhook w, String secret) {
        Instant previousExpires = w.previousSecretExpiresAt != null && w.previousSecretExpiresAt.isAfter(Clock.now())
                ? w.previousSecretExpiresAt : null;
        return new WebhookResponse(w.id, w.url, List.of(w.eventTypes), w.tenantId, w.enabled, w.failingSince, previousExpires,
                w.createdAt, w.updatedAt, secret);
    }
}
