package io.landlord.event;

import io.landlord.common.persistence.DatabaseOutage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Read events (and token issuance) wait here and are written in batches: every flush interval, whenever the
 * buffered events make the flush size's rows, and at a graceful shutdown. A hard crash loses what is buffered — at
 * most one interval's read events; never a change's events, which commit with the change. Like operations are
 * grouped into rows as they come ({@link LikeOperations.Grouping}), so the more a batch spans, the fewer rows per
 * read it writes, and the buffer does not hold each read's row meanwhile.
 */
@ApplicationScoped
public class EventBuffer {

    /** Guarded by this buffer's monitor: requests on every event loop add to it, a flush takes it whole. */
    private LikeOperations.Grouping pending = new LikeOperations.Grouping();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final EventRepository repository;
    private final EventSignals signals;
    private final Vertx vertx;
    private final EventsConfig config;
    private volatile long timer = -1;

    public EventBuffer(EventRepository repository, EventSignals signals, Vertx vertx, EventsConfig config, MeterRegistry metrics) {
        this.repository = repository;
        this.signals = signals;
        this.vertx = vertx;
        this.config = config;
        Gauge.builder("landlord.events.buffered", this, EventBuffer::bufferedRows).baseUnit("rows")
                .description("Rows of read and token events waiting for their batched write").register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.flushInterval().toMillis(), id -> flushInBackground());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        try {
            drain().await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            Log.errorf("%d buffered rows of events could not be written at shutdown (%s)", bufferedRows(), e.getClass().getName());
        }
    }

    /** An operation's rows (one, or two for a long one). */
    public void add(List<NewEvent> rows) {
        int buffered;
        synchronized (this) {
            rows.forEach(pending::add);
            buffered = pending.rows();
        }
        if (buffered >= config.flushSize()) {
            flushInBackground();
        }
    }

    private synchronized int bufferedRows() {
        return pending.rows();
    }

    /**
     * Writes everything buffered so far, and waits for a background flush that holds events taken from the buffer,
     * so that once this completes every event added before it is in the table (shutdown; tests).
     */
    public Uni<Void> drain() {
        return flush().chain(() -> bufferedRows() == 0 && !flushing.get()
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(10)).chain(this::drain));
    }

    private void flushInBackground() {
        if (flushing.compareAndSet(false, true)) {
            flush().onTermination().invoke(() -> flushing.set(false)).subscribe().with(
                    ignored -> { }, e -> DatabaseOutage.warn(EventBuffer.class, e, "Event flush failed; events kept for the next one"));
        }
    }

    private Uni<Void> flush() {
        LikeOperations.Grouping taken;
        synchronized (this) {
            if (pending.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            taken = pending;
            pending = new LikeOperations.Grouping();
        }
        LikeOperations.Batch batch = taken.batch();
        return repository.insertBatch(batch)
                .invoke(signals::written)
                .onFailure().invoke(e -> {
                    synchronized (this) {
                        pending.restore(batch);
                    }
                });
    }
}
