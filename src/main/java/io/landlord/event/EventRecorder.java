package io.landlord.event;

import io.landlord.common.error.ErrorMapper;
import io.landlord.common.persistence.DatabaseOutage;
import io.landlord.common.security.AccessTokenIdentityProvider;
import io.landlord.common.time.Clock;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes the audit trail. A change's START and SUCCESS go into the change's own transaction
 * ({@link #succeeded}); a failed change's START and FAIL are written before the error response leaves; reads are
 * buffered ({@link EventBuffer}).
 */
@ApplicationScoped
public class EventRecorder {

    private final EventRepository repository;
    private final EventBuffer buffer;
    private final EventSignals signals;
    private final CurrentIdentityAssociation identities;
    private final boolean enabled;

    public EventRecorder(EventRepository repository, EventBuffer buffer, EventSignals signals,
            CurrentIdentityAssociation identities, EventsConfig config) {
        this.repository = repository;
        this.buffer = buffer;
        this.signals = signals;
        this.identities = identities;
        this.enabled = config.enabled();
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * Inside the transaction of the current request's change: appends its START and SUCCESS events, so they commit
     * together with the change or not at all.
     */
    public Uni<Void> succeeded(Map<String, Object> payload) {
        return succeeded(null, payload);
    }

    /** As {@link #succeeded(Map)}, for a change that concerns {@code tenantId} (e.g. the tenant it created). */
    public Uni<Void> succeeded(UUID tenantId, Map<String, Object> payload) {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return commitWithChange(tenantId, payload, repository::insertInTransaction);
    }

    /**
     * As {@link #succeeded(Map)}, for a change made on the reactive client: {@code transaction} is the connection of
     * the change's transaction.
     */
    public Uni<Void> succeededOn(SqlClient transaction, Map<String, Object> payload) {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return commitWithChange(null, payload, events -> repository.insert(transaction, events));
    }

    /** The current operation's START and SUCCESS, written by {@code write} into the change's transaction. */
    private Uni<Void> commitWithChange(UUID tenantId, Map<String, Object> payload, Function<List<NewEvent>, Uni<Void>> write) {
        RecordedOperation operation = current();
        if (tenantId != null) {
            operation.tenantId = tenantId;
        }
        operation.payload.putAll(payload);
        return identify(operation).chain(() -> {
            operation.committedWithChange = true;
            return write.apply(operation.succeeded());
        });
    }

    /**
     * Starts an operation outside any request, on the current (duplicated) Vert.x context — a background job acting
     * for {@code actor}. Its service then records it like a request's: {@link #succeeded} or {@link #failed}.
     */
    public void begin(String type, String actor, Map<String, Object> payload) {
        RecordedOperation operation = new RecordedOperation(type, true, null, null);
        operation.actor = actor;
        operation.payload.putAll(payload);
        operation.actorGiven = true;
        operation.attach();
    }

    /** Inside the transaction that records a background operation's failure: its START and FAIL. */
    public Uni<Void> failed(UUID tenantId, Map<String, Object> payload, ErrorMapper.Outcome outcome) {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        RecordedOperation operation = current();
        operation.tenantId = tenantId;
        operation.payload.putAll(payload);
        operation.committedWithChange = true;
        return repository.insertInTransaction(operation.failed(outcome.status(), outcome.code()));
    }

    private static RecordedOperation current() {
        return RecordedOperation.current().orElseThrow(() -> new IllegalStateException("no @Recorded operation is running"));
    }

    /** Inside the caller's transaction: events the service raises by itself (e.g. a background job's outcome). */
    public Uni<Void> append(List<NewEvent> events) {
        if (!enabled || events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.insertInTransaction(events);
    }

    /**
     * An event the current request raises beside its operation's (e.g. a lock-out), with the operation's actor,
     * tenant and request id; buffered like a read's.
     */
    public void raise(String type, Map<String, Object> payload) {
        if (!enabled) {
            return;
        }
        RecordedOperation operation = RecordedOperation.current().orElse(null);
        buffer.add(List.of(NewEvent.occurred(Clock.now(), type, operation == null ? null : operation.actor,
                operation == null ? null : operation.tenantId, operation == null ? null : operation.requestId, null, payload)));
    }

    /** As {@link #append}, inside a transaction of the reactive client ({@code transaction} is its connection). */
    public Uni<Void> appendOn(SqlClient transaction, List<NewEvent> events) {
        if (!enabled || events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.insert(transaction, events);
    }

    /** After the transaction that appended events committed: wakes stream subscribers. */
    public void committed() {
        signals.written();
    }

    /**
     * Names who acts and in which tenant when the token does not say it — the token endpoint, where the client
     * authenticates in the request body.
     */
    public void describe(String actor, UUID tenantId) {
        RecordedOperation.current().ifPresent(operation -> {
            operation.actor = actor;
            operation.actorGiven = true;
            operation.tenantId = tenantId;
        });
    }

    Uni<Void> afterSuccess(RecordedOperation operation) {
        if (!operation.change) {
            return identify(operation).invoke(() -> buffer.add(operation.succeeded()));
        }
        if (operation.committedWithChange) {
            signals.written();
            return Uni.createFrom().voidItem();
        }
        // A change whose service forgot succeeded(): better late than lost, and loud, since it breaks the pairing.
        Log.errorf("Operation %s changed state without recording its events in the same transaction", operation.type);
        return writeNow(operation, operation.succeeded());
    }

    Uni<Void> afterFailure(RecordedOperation operation, Throwable failure) {
        return identify(operation).chain(() -> recordFailure(operation, failure, operation.change));
    }

    /**
     * An operation refused before its method ran: nothing changed, so its events are buffered like a read's. Only an
     * authenticated caller's refusal is recorded; one without an actor (a token refused while authenticating) is not.
     */
    Uni<Void> refused(RecordedOperation operation, Throwable refusal) {
        return identify(operation).chain(() -> operation.actor == null ? Uni.createFrom().voidItem()
                : recordFailure(operation, refusal, false));
    }

    /** START and FAIL of an identified operation: written at once for a change that failed, buffered otherwise. */
    private Uni<Void> recordFailure(RecordedOperation operation, Throwable failure, boolean change) {
        ErrorMapper.Outcome outcome = ErrorMapper.outcomeOf(failure);
        List<NewEvent> events = operation.failed(outcome.status(), outcome.code());
        if (!change) {
            buffer.add(events);
            return Uni.createFrom().voidItem();
        }
        return writeNow(operation, events);
    }

    private Uni<Void> writeNow(RecordedOperation operation, List<NewEvent> events) {
        return repository.insert(events)
                .invoke(signals::written)
                .onFailure().recoverWithUni(e -> {
                    // kept in the buffer, which writes them once the database takes them again
                    DatabaseOutage.warn(EventRecorder.class, e, "Events of " + operation.type + " could not be written now; buffered");
                    buffer.add(events);
                    return Uni.createFrom().voidItem();
                });
    }

    /** The actor is the token's client; a tenant client's events belong to its own tenant, whatever it asked for. */
    private Uni<Void> identify(RecordedOperation operation) {
        if (operation.actorGiven) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().invoke(identity -> apply(operation, identity))
                .onFailure().recoverWithItem((SecurityIdentity) null).replaceWithVoid();
    }

    private static void apply(RecordedOperation operation, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return;
        }
        operation.actor = identity.getPrincipal().getName();
        UUID callerTenant = identity.getAttribute(AccessTokenIdentityProvider.TENANT_ID);
        if (callerTenant != null) {
            operation.tenantId = callerTenant;
        }
    }
}
