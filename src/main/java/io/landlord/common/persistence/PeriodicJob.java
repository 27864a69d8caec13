package io.landlord.common.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A database job run every interval on a Vert.x timer until {@link #stop()}. Each run is independent: a failed one is
 * logged as {@link DatabaseOutage#warn} says (once for a whole outage, while the database is unreachable) and the next
 * interval tries again.
 */
public final class PeriodicJob {

    private final Vertx vertx;
    private final long timer;

    private PeriodicJob(Vertx vertx, long timer) {
        this.vertx = vertx;
        this.timer = timer;
    }

    /** Starts {@code job} every {@code interval}; {@code failure} is the WARN that names a failed run. */
    public static PeriodicJob every(Vertx vertx, Duration interval, Supplier<Uni<?>> job, Class<?> source, String failure) {
        return new PeriodicJob(vertx, vertx.setPeriodic(interval.toMillis(),
                id -> job.get().subscribe().with(done -> { }, e -> DatabaseOutage.warn(source, e, failure))));
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }
}
