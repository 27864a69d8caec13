package io.landlord.event;

import io.landlord.common.time.Clock;
import io.smallrye.common.vertx.ContextLocals;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The API operation a request is performing, kept in the request's Vert.x context so that the service can write
 * the operation's events inside its own transaction.
 */
final class RecordedOperation {

    private static final String KEY = RecordedOperation.class.getName();

    final String type;
    final boolean change;
    final Instant startedAt = Clock.now();
    final String requestId;
    UUID tenantId;
    String actor;
    boolean actorGiven;
    final Map<String, Object> payload = new HashMap<>();
    /** Set once the operation's START and SUCCESS are part of the change's transaction. */
    boolean committedWithChange;

    RecordedOperation(String type, boolean change, UUID tenantId, String requestId) {
        this.type = type;
        this.change = change;
        this.tenantId = tenantId;
        this.requestId = requestId;
    }

    void attach() {
        ContextLocals.put(KEY, this);
    }

    static Optional<RecordedOperation> current() {
        return ContextLocals.get(KEY);
    }

    /** The operation's START and SUCCESS. */
    List<NewEvent> succeeded() {
        return NewEvent.operation(type, startedAt, Clock.now(), type + "_SUCCESS", actor, tenantId, requestId, null,
                Map.copyOf(payload));
    }

    /** The operation's START and FAIL, with the response's status and error code. */
    List<NewEvent> failed(int status, String errorCode) {
        Map<String, Object> facts = new HashMap<>(payload);
        facts.put("status", status);
        return NewEvent.operation(type, startedAt, Clock.now(), type + "_FAIL", actor, tenantId, requestId, errorCode,
                Map.copyOf(facts));
    }
}
