package io.landlord.event;

import io.landlord.common.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A row about to be written: one event, or an operation's START and outcome together ({@code startedAt} set; see
 * V11__events_one_row_per_operation.sql). {@code payload} holds ids and small facts, never a secret.
 */
public record NewEvent(UUID id, String type, Instant startedAt, Instant occurredAt, String actor, UUID tenantId,
        String requestId, String errorCode, Map<String, Object> payload) {

    /** The longest operation stored as one row; the database's events_operation_check says the same. */
    static final Duration LONGEST_ONE_ROW_OPERATION = Duration.ofSeconds(10);

    /** An event the service raises by itself, outside any request (no actor, no request id). */
    public static NewEvent of(String type, UUID tenantId, Map<String, Object> payload) {
        return occurred(Clock.now(), type, null, tenantId, null, null, payload);
    }

    /** An event that occurred at {@code occurredAt}, with an id drawn from that time ({@link EventIds}). */
    static NewEvent occurred(Instant occurredAt, String type, String actor, UUID tenantId, String requestId, String errorCode,
            Map<String, Object> payload) {
        return new NewEvent(EventIds.at(occurredAt), type, null, occurredAt, actor, tenantId, requestId, errorCode, payload);
    }

    /**
     * An operation's {@code <operation>_START} at {@code startedAt} and its outcome ({@code outcomeType}, a
     * {@code _SUCCESS} or {@code _FAIL}) at {@code endedAt}: one row, whose id is drawn from the start, or two rows
     * when the operation took longer than {@link #LONGEST_ONE_ROW_OPERATION} (or the clock stepped back). A FAIL's
     * START carries its payload without the {@code status} of the response.
     */
    static List<NewEvent> operation(String operation, Instant startedAt, Instant endedAt, String outcomeType, String actor,
            UUID tenantId, String requestId, String errorCode, Map<String, Object> payload) {
        Duration took = Duration.between(startedAt, endedAt);
        if (!took.isNegative() && took.compareTo(LONGEST_ONE_ROW_OPERATION) <= 0) {
            return List.of(new NewEvent(EventIds.at(startedAt), outcomeType, startedAt, endedAt, actor, tenantId, requestId,
                    errorCode, payload));
        }
        Map<String, Object> startPayload = new HashMap<>(payload);
        if (outcomeType.endsWith("_FAIL")) {
            startPayload.remove("status");
        }
        return List.of(occurred(startedAt, operation + "_START", actor, tenantId, requestId, null, Map.copyOf(startPayload)),
                occurred(endedAt, outcomeType, actor, tenantId, requestId, errorCode, payload));
    }
}
