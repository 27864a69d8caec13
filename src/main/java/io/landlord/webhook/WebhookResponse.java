package io.landlord.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A webhook; {@code secret} only in the answer to its creation. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookResponse(UUID id, String url, List<String> eventTypes, UUID tenantId, boolean enabled,
        Instant failingSince, Instant createdAt, Instant updatedAt, String secret) {

    static WebhookResponse from(Webhook w) {
        return new WebhookResponse(w.id, w.url, List.of(w.eventTypes), w.tenantId, w.enabled, w.failingSince, w.createdAt,
                w.updatedAt, null);
    }

    static WebhookResponse withSecret(Webhook w, String secret) {
        return new WebhookResponse(w.id, w.url, List.of(w.eventTypes), w.tenantId, w.enabled, w.failingSince, w.createdAt,
                w.updatedAt, secret);
    }
}
