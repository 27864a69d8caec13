package io.landlord.operation;

import io.landlord.event.EventRecorder;
import io.landlord.common.config.LandlordConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.ConsumeEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs operations. A submitted operation's id arrives on the event bus; besides, at start and every sweep
 * interval, the worker claims PENDING operations and RUNNING ones whose lease ran out (another instance died).
 * At most {@code landlord.operations.max-concurrent} run at once here; the rest wait in PENDING.
 */
@ApplicationScoped
public class OperationWorker {

    public static final String SUBMITTED = "landlord.operations.submitted";

    private final OperationRepository operations;
    private final OperationService service;
    private final LandlordConfig.Operations settings;
    private final Vertx vertx;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong pending = new AtomicLong();
    private volatile long sweepTimer = -1;

    private final EventRecorder events;

    public OperationWorker(OperationRepository operations, OperationService service, LandlordConfig config, Vertx vertx,
            MeterRegistry metrics, EventRecorder events) {
        this.events = events;
        this.operations = operations;
        this.service = service;
        this.settings = config.operations();
        this.vertx = vertx;
        metrics.gauge("landlord.operations.pending", pending);
        metrics.gauge("landlord.operations.running.local", running);
    }

    void onStart(@Observes StartupEvent event) {
        sweepTimer = vertx.setPeriodic(settings.sweepInterval().toMillis(), id -> sweep());
        sweep();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
    }

    @ConsumeEvent(SUBMITTED)
    public Uni<Void> onSubmitted(String operationId) {
        UUID id = UUID.fromString(operationId);
        if (!reserve(1)) {
            return Uni.createFrom().voidItem(); // full: the operation waits in PENDING for the next sweep
        }
        UUID claim = UUID.randomUUID();
        return operations.claim(id, claim, settings.lease())
                .invoke(claimed -> {
                    if (claimed) {
                        start(id, claim);
                    } else {
                        running.decrementAndGet();
                    }
                })
                .onFailure().invoke(e -> running.decrementAndGet())
                .replaceWithVoid();
    }

    /** Claims as much work as there is room for, expires old results, refreshes the pending gauge. */
    void sweep() {
        operations.expire(settings.idempotencyWindow())
                .flatMap(ignored -> operations.countPending())
                .invoke(pending::set)
                .subscribe().with(ignored -> claimAvailable(), e -> Log.warnf("Operation sweep failed: %s", e.getClass().getName()));
    }

    private void claimAvailable() {
        int room = settings.maxConcurrent() - running.get();
        if (room <= 0 || !reserve(room)) {
            return;
        }
        UUID claim = UUID.randomUUID();
        operations.claimBatch(room, claim, settings.lease()).subscribe().with(ids -> {
            running.addAndGet(ids.size() - room);
            ids.forEach(id -> start(id, claim));
        }, e -> {
            running.addAndGet(-room);
            Log.warnf("Claiming operations failed: %s", e.getClass().getName());
        });
    }

    private boolean reserve(int slots) {
        while (true) {
            int now = running.get();
            if (now + slots > settings.maxConcurrent()) {
                return false;
            }
            if (running.compareAndSet(now, now + slots)) {
                return true;
            }
        }
    }

    /** Runs one claimed operation on its own safe Vert.x context (Hibernate Reactive needs one per unit of work). */
    private void start(UUID id, UUID claim) {
        onSafeContext(() -> service.execute(id, claim)
                .onFailure().recoverWithUni(failure -> service.recordFailure(id, claim, failure).map(ignored -> false)))
                .subscribe().with(
                        done -> {
                            events.committed();
                            finished();
                        },
                        e -> {
                            Log.warnf("Operation %s could not be recorded (%s); its lease will expire and it will be retried",
                                    id, e.getClass().getName());
                            finished();
                        });
    }

    private void finished() {
        running.decrementAndGet();
        claimAvailable();
    }

    private <T> Uni<T> onSafeContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> work.get().subscribe().with(emitter::complete, emitter::fail));
        });
    }
}
