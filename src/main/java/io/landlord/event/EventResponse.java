package io.landlord.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An event as the API shows it; {@code errorCode} only on a FAIL event. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventResponse(UUID id, String type, Instant time, String actor, UUID tenantId, String requestId,
        String errorCode, Map<String, Object> payload) {

    static EventResponse from(Event event) {
        return new EventResponse(event.id(), event.type(), event.occurredAt(), event.actor(), event.tenantId(),
                event.requestId(), event.errorCode(), event.payload());
    }
}
