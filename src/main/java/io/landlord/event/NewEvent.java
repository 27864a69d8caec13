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
        return occurred(Clock.now(), type, null, tenantId, null, null, payload);
    }

    /** An event that occurred at {@code occurredAt}, with an id drawn from that time ({@link EventIds}). */
    static NewEvent occurred(Instant occurredAt, String type, String actor, UUID tenantId, String requestId, String errorCode,
            Map<String, Object> payload) {
        return new NewEvent(EventIds.at(occurredAt), type, occurredAt, actor, tenantId, requestId, errorCode, payload);
    }
}
