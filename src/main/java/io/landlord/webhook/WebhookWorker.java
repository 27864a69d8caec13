package io.landlord.webhook;

import io.landlord.common.persistence.DatabaseOutage;
import io.landlord.common.persistence.PeriodicJob;
import io.landlord.common.config.LandlordConfig;
import io.landlord.common.time.Clock;
import io.landlord.event.EventSignals;
import io.landlord.event.EventsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs on every instance. Every poll interval, and soon after events are written on any instance (while any webhook
 * is enabled), it dispatches (turns new events into queued deliveries; one instance at a time, by the cursor row's
 * lock) and claims due deliveries to attempt, at most
 * {@code landlord.webhooks.max-in-flight} at once here. A claim is a lease: if this instance dies, the delivery is
 * claimable again once the lease runs out, so nothing queued is lost (at-least-once).
 */
@ApplicationScoped
public class WebhookWorker {

    static final int DISPATCH_BATCH = 500;
    static final int PURGE_BATCH = 5000;
    /** Events written here or on another instance (NOTIFY) start a dispatch this soon, coalesced. */
    static final long WAKE_DELAY_MILLIS = 50;

    private final DeliveryRepository deliveries;
    private final DeliveryService service;
    private final WebhookSender sender;
    private final LandlordConfig.Webhooks settings;
    private final Duration lease;
    private final Vertx vertx;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean dispatching = new AtomicBoolean();
    private final AtomicBoolean dispatchScheduled = new AtomicBoolean();
    private final EventSignals signals;
    private final EventsConfig events;
    private volatile long timer = -1;
    private volatile PeriodicJob retention;
    private volatile boolean stopping;
    /** Whether the last dispatch saw an enabled webhook; while none is, writes need no dispatch before the next tick. */
    private volatile boolean listening = true;

    public WebhookWorker(DeliveryRepository deliveries, DeliveryService service, WebhookSender sender, LandlordConfig config,
            EventSignals signals, EventsConfig events, Vertx vertx, MeterRegistry metrics) {
        this.events = events;
        this.deliveries = deliveries;
        this.signals = signals;
        this.service = service;
        this.sender = sender;
        this.settings = config.webhooks();
        // an attempt takes at most the timeout (+1 s, WebhookSender), recording it far less: the lease outlasts both,
        // so an attempt is made twice only if its instance died (or stalled for 15 s)
        this.lease = settings.timeout().plusSeconds(15);
        this.vertx = vertx;
        metrics.gauge("landlord.webhooks.in.flight.local", inFlight);
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> tick());
        signals.wakeups().subscribe().with(written -> dispatchSoon(), e -> { });
        retention = PeriodicJob.every(vertx, events.retentionInterval(), this::purgeFinished, WebhookWorker.class,
                "Webhook delivery retention failed; retried next interval");
    }

    /** Deletes the deliveries (and their attempts) that finished longer ago than the events' retention. */
    public Uni<Long> purgeFinished() {
        return Multi.createBy().repeating().uni(() -> deliveries.purgeFinished(Clock.now().minus(events.retention()), PURGE_BATCH))
                .whilst(deleted -> deleted == PURGE_BATCH)
                .collect().with(Collectors.summingLong(Integer::longValue));
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (retention != null) {
            retention.stop();
        }
    }

    /** Looks for work now rather than at the next tick (after a redelivery, or new deliveries). */
    public void wake() {
        vertx.runOnContext(ignored -> claimAvailable());
    }

    private void dispatchSoon() {
        if (listening && dispatchScheduled.compareAndSet(false, true)) {
            vertx.setTimer(WAKE_DELAY_MILLIS, id -> {
                dispatchScheduled.set(false);
                dispatch();
            });
        }
    }

    void tick() {
        dispatch();
        claimAvailable();
    }

    /** Dispatches batch after batch while batches come full; then wakes the claimer if anything was queued. */
    private void dispatch() {
        if (stopping || !dispatching.compareAndSet(false, true)) {
            return;
        }
        deliveries.dispatch(DISPATCH_BATCH).subscribe().with(done -> {
            dispatching.set(false);
            listening = done.listening();
            if (done.queued() > 0) {
                claimAvailable();
            }
            if (done.events() == DISPATCH_BATCH) {
                dispatch();
            }
        }, e -> {
            dispatching.set(false);
            DatabaseOutage.warn(WebhookWorker.class, e, "Dispatching events to webhooks failed");
        });
    }

    private void claimAvailable() {
        int room = settings.maxInFlight() - inFlight.get();
        if (stopping || room <= 0 || !reserve(room)) {
            return;
        }
        deliveries.claim(UUID.randomUUID(), lease, room).subscribe().with(claimed -> {
            inFlight.addAndGet(claimed.size() - room);
            claimed.forEach(this::attempt);
        }, e -> {
            inFlight.addAndGet(-room);
            DatabaseOutage.warn(WebhookWorker.class, e, "Claiming webhook deliveries failed");
        });
    }

    private boolean reserve(int slots) {
        while (true) {
            int now = inFlight.get();
            if (now + slots > settings.maxInFlight()) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + slots)) {
                return true;
            }
        }
    }

    private void attempt(ClaimedDelivery delivery) {
        onSafeContext(() -> sender.send(delivery).flatMap(result -> service.record(delivery, result)))
                .subscribe().with(recording -> {
                    service.committed(recording);
                    finished();
                }, e -> {
                    Log.warnf("Webhook delivery %s could not be recorded (%s); it is attempted again when its lease runs out",
                            delivery.id(), e.getClass().getName());
                    finished();
                });
    }

    private void finished() {
        inFlight.decrementAndGet();
        claimAvailable();
    }

    /** A safe duplicated Vert.x context per unit of work: Hibernate Reactive needs one for each transaction. */
    private <T> Uni<T> onSafeContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> work.get().subscribe().with(emitter::complete, emitter::fail));
        });
    }
}
