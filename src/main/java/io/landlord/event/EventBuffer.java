package io.landlord.event;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Read events (and token issuance) wait here and are written in batches: every flush interval, whenever the
 * buffer reaches the flush size, and at a graceful shutdown. A hard crash loses what is buffered — at most one
 * interval's read events; never a change's events, which commit with the change.
 */
@ApplicationScoped
public class EventBuffer {

    private final ConcurrentLinkedQueue<NewEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final EventRepository repository;
    private final EventSignals signals;
    private final Vertx vertx;
    private final EventsConfig config;
    private volatile long timer = -1;

    public EventBuffer(EventRepository repository, EventSignals signals, Vertx vertx, EventsConfig config) {
        this.repository = repository;
        this.signals = signals;
        this.vertx = vertx;
        this.config = config;
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
            Log.errorf("%d buffered events could not be written at shutdown (%s)", size.get(), e.getClass().getName());
        }
    }

    /** An operation's rows (one, or two for a long one). */
    public void add(List<NewEvent> rows) {
        queue.addAll(rows);
        if (size.addAndGet(rows.size()) >= config.flushSize()) {
            flushInBackground();
        }
    }

    /**
     * Writes everything buffered so far, and waits for a background flush that holds events taken from the queue,
     * so that once this completes every event added before it is in the table (shutdown; tests).
     */
    public Uni<Void> drain() {
        return flush().chain(() -> queue.isEmpty() && !flushing.get()
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(10)).chain(this::drain));
    }

    private void flushInBackground() {
        if (flushing.compareAndSet(false, true)) {
            flush().onTermination().invoke(() -> flushing.set(false)).subscribe().with(
                    ignored -> { }, e -> Log.warnf("Event flush failed (%s); events kept for the next one", e.getClass().getName()));
        }
    }

    private Uni<Void> flush() {
        List<NewEvent> batch = new ArrayList<>();
        NewEvent event;
        while (batch.size() < config.flushSize() && (event = queue.poll()) != null) {
            batch.add(event);
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        size.addAndGet(-batch.size());
        return repository.insertBatch(batch)
                .invoke(signals::written)
                .onFailure().invoke(e -> {
                    queue.addAll(batch);
                    size.addAndGet(batch.size());
                });
    }
}
