package io.landlord.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A recorded event, with its place in the feed. */
public record Event(UUID id, FeedPosition position, String type, Instant occurredAt, String actor, UUID tenantId,
        String requestId, String errorCode, Map<String, Object> payload) {
}
