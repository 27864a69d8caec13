package io.landlord.event;

import io.landlord.common.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An event about to be written. {@code payload} holds ids and small facts, never a secret. */
public record NewEvent(UUID id, String type, Instant occurredAt, String actor, UUID tenantId, String requestId,
        String errorCode, Map<String, Object> payload) {

    /** An event the service raises by itself, outside any request (no actor, no request id). */
    public static NewEvent of(String type, UUID tenantId, Map<String, Object> payload) {
        Instant now = Clock.now();
        return new NewEvent(EventIds.at(now), type, now, null, tenantId, null, null, payload);
    }
}
