package io.landlord.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A delivery and every attempt made. {@code nextAttemptAt} while PENDING; an attempt has either the receiver's
 * {@code statusCode} or an {@code error} kind (TIMEOUT, CONNECTION, DNS, REFUSED_TARGET, EVENT_GONE).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryResponse(UUID id, UUID webhookId, UUID eventId, String status, Instant nextAttemptAt,
        Integer lastStatusCode, String lastError, Instant createdAt, Instant updatedAt, List<Attempt> attempts) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(int attempt, Instant attemptedAt, Integer statusCode, String error, int durationMs) {
    }

    static DeliveryResponse from(WebhookDelivery d, List<Attempt> attempts) {
        return new DeliveryResponse(d.id, d.webhookId, d.eventId, d.status,
                WebhookDelivery.Status.PENDING.name().equals(d.status) ? d.nextAttemptAt : null,
                d.lastStatusCode, d.lastError, d.createdAt, d.updatedAt, attempts);
    }
}
