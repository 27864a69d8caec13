package io.landlord.event;

import io.landlord.common.persistence.DatabaseOutage;
import io.landlord.common.time.Clock;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Deletes events older than {@code landlord.events.retention}, in batches so no statement holds many locks or
 * runs long. Every instance runs it; two at once only delete less each.
 */
@ApplicationScoped
public class EventRetention {

    static final int BATCH = 5000;

    private final EventRepository events;
    private final EventsConfig config;
    private final Vertx vertx;
    private volatile long timer = -1;

    public EventRetention(EventRepository events, EventsConfig config, Vertx vertx) {
        this.events = events;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.retentionInterval().toMillis(), id -> purge().subscribe().with(
                deleted -> Log.debugf("Retention deleted %d events", deleted),
                e -> DatabaseOutage.warn(EventRetention.class, e, "Event retention failed; retried next interval")));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Deletes every event past retention; returns how many. */
    public Uni<Long> purge() {
        return purgeFrom(0L);
    }

    private Uni<Long> purgeFrom(long deletedSoFar) {
        return events.purge(Clock.now().minus(config.retention()), BATCH).flatMap(deleted -> deleted == BATCH
                ? purgeFrom(deletedSoFar + deleted)
                : Uni.createFrom().item(deletedSoFar + deleted));
    }
}
