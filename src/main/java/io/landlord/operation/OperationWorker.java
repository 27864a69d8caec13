package io.landlord.operation;

import io.landlord.common.persistence.DatabaseOutage;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs operations. A submitted operation's id arrives on the event bus; besides, at start and every sweep
 * interval, the worker claims PENDING operations and RUNNING ones whose lease ran out (another instance died).
 * At most {@code landlord.operations.max-concurrent} run at once here; the rest wait in PENDING.
 * At a graceful shutdown it claims nothing more, lets the running operations finish for up to
 * {@code quarkus.shutdown.timeout}, and gives those still running back to PENDING for another instance or the next
 * start (see {@link OperationRepository#release}).
 */
@ApplicationScoped
public class OperationWorker {

    public static final String SUBMITTED = "landlord.operations.submitted";

    private final OperationRepository operations;
    private final OperationService service;
    private final LandlordConfig.Operations settings;
    private final Vertx vertx;
    private final Duration drainTimeout;
    /** Operations running here or being claimed: the slots taken of max-concurrent. */
    private final AtomicInteger running = new AtomicInteger();
    /** The claim under which each operation running here runs. */
    private final Map<UUID, UUID> claims = new ConcurrentHashMap<>();
    /** Signalled whenever a slot frees up while stopping. */
    private final Object drained = new Object();
    private final AtomicLong pending = new AtomicLong();
    private volatile long sweepTimer = -1;
    private volatile boolean stopping;

    private final EventRecorder events;

    public OperationWorker(OperationRepository operations, OperationService service, LandlordConfig config, Vertx vertx,
            MeterRegistry metrics, @ConfigProperty(name = "quarkus.shutdown.timeout") Optional<Duration> shutdownTimeout,
            EventRecorder events) {
        this.events = events;
        this.operations = operations;
        this.service = service;
        this.settings = config.operations();
        this.vertx = vertx;
        this.drainTimeout = shutdownTimeout.orElse(Duration.ZERO);
        metrics.gauge("landlord.operations.pending", pending);
        metrics.gauge("landlord.operations.running.local", running);
    }

    void onStart(@Observes StartupEvent event) {
        sweepTimer = vertx.setPeriodic(settings.sweepInterval().toMillis(), id -> sweep());
        sweep();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        if (running.get() > 0) {
            Log.infof("Shutdown: waiting up to %s for %d running operation(s)", drainTimeout, running.get());
        }
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        synchronized (drained) {
            long left;
            while (running.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                drained.wait(Math.max(1, left / 1_000_000));
            }
        }
        Set<UUID> unfinished = Set.copyOf(claims.values());
        if (!unfinished.isEmpty()) {
            try {
                int released = operations.release(unfinished).await().atMost(Duration.ofSeconds(10));
                Log.infof("Shutdown: %d operation(s) still running after %s went back to PENDING", released, drainTimeout);
            } catch (RuntimeException e) {
                // the other shutdown observers (the usage flush) still run; these operations wait for their lease
                Log.warnf("Shutdown: handing back %d running operation(s) failed (%s)", unfinished.size(), e.getClass().getName());
            }
        }
    }

    @ConsumeEvent(SUBMITTED)
    public Uni<Void> onSubmitted(String operationId) {
        UUID id = UUID.fromString(operationId);
        if (stopping || !reserve(1)) {
            return Uni.createFrom().voidItem(); // full or stopping: the operation waits in PENDING for a sweep
        }
        UUID claim = UUID.randomUUID();
        return operations.claim(id, claim, settings.lease())
                .invoke(claimed -> {
                    if (claimed) {
                        start(id, claim);
                    } else {
                        finished(null);
                    }
                })
                .onFailure().invoke(e -> finished(null))
                .replaceWithVoid();
    }

    /** Claims as much work as there is room for, expires old results, refreshes the pending gauge. */
    void sweep() {
        operations.expire(settings.idempotencyWindow())
                .flatMap(ignored -> operations.countPending())
                .invoke(pending::set)
                .subscribe().with(ignored -> claimAvailable(), e -> DatabaseOutage.warn(OperationWorker.class, e, "Operation sweep failed"));
    }

    private void claimAvailable() {
        int room = settings.maxConcurrent() - running.get();
        if (stopping || room <= 0 || !reserve(room)) {
            return;
        }
        UUID claim = UUID.randomUUID();
        operations.claimBatch(room, claim, settings.lease()).subscribe().with(ids -> {
            running.addAndGet(ids.size() - room);
            ids.forEach(id -> start(id, claim));
            notifyIfStopping();
        }, e -> {
            running.addAndGet(-room);
            notifyIfStopping();
            DatabaseOutage.warn(OperationWorker.class, e, "Claiming operations failed");
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

    /**
     * Runs one claimed operation on its own safe Vert.x context (Hibernate Reactive needs one per unit of work). A
     * claim that lands once shutdown has begun is handed back unrun.
     */
    private void start(UUID id, UUID claim) {
        claims.put(id, claim);
        Uni<?> work = stopping
                ? operations.release(List.of(claim))
                : onSafeContext(() -> service.execute(id, claim)
                        .onFailure().recoverWithUni(failure -> service.recordFailure(id, claim, failure).map(ignored -> false)));
        work.subscribe().with(
                done -> {
                    events.committed();
                    finished(id);
                },
                e -> {
                    Log.warnf("Operation %s could not be recorded (%s); its lease will expire and it will be retried",
                            id, e.getClass().getName());
                    finished(id);
                });
    }

    /** A slot is free again: the operation {@code id} ended (or, with null, a claim came back empty). */
    private void finished(UUID id) {
        if (id != null) {
            claims.remove(id);
        }
        running.decrementAndGet();
        if (!stopping && id != null) {
            claimAvailable();
        }
        notifyIfStopping();
    }

    private void notifyIfStopping() {
        if (stopping) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    private <T> Uni<T> onSafeContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> work.get().subscribe().with(emitter::complete, emitter::fail));
        });
    }
}
