package io.landlord.common.persistence;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** During an outage, asks the database every second whether it is back, and ends the outage when it answers. */
@ApplicationScoped
public class DatabaseOutageWatch {

    private static final long PROBE_MILLIS = 1000;

    private final Pool pool;
    private final Vertx vertx;
    private volatile long timer = -1;

    public DatabaseOutageWatch(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(PROBE_MILLIS, id -> {
            if (DatabaseOutage.ongoing()) {
                pool.query("SELECT 1").execute().subscribe().with(ok -> DatabaseOutage.end(), stillDown -> { });
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
