package io.landlord.event;

import io.landlord.common.persistence.PeriodicJob;
import io.landlord.common.time.Clock;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.stream.Collectors;

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
    private volatile PeriodicJob job;

    public EventRetention(EventRepository events, EventsConfig config, Vertx vertx) {
        this.events = events;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        job = PeriodicJob.every(vertx, config.retentionInterval(), this::purge, EventRetention.class,
                "Event retention failed; retried next interval");
    }

    void onStop(@Observes ShutdownEvent event) {
        if (job != null) {
            job.stop();
        }
    }

    /** Deletes every event past retention, batch after batch until one is not full; returns how many. */
    public Uni<Long> purge() {
        return Multi.createBy().repeating().uni(() -> events.purge(Clock.now().minus(config.retention()), BATCH))
                .whilst(deleted -> deleted == BATCH)
                .collect().with(Collectors.summingLong(Integer::longValue));
    }
}
