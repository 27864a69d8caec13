package io.landlord.event;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import io.vertx.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wakes stream subscribers when events may have been written, on every instance: after this instance writes
 * events it sends one {@code NOTIFY} (coalesced, at most one per {@link #COALESCE_MILLIS}), and one connection per
 * instance {@code LISTEN}s. A wake-up only says "look now": subscribers read the table, so a lost notification
 * costs latency (they also poll), never an event.
 */
@ApplicationScoped
public class EventSignals {

    static final String CHANNEL = "landlord_events";
    private static final long COALESCE_MILLIS = 20;
    private static final long RELISTEN_MILLIS = 1000;

    private final Pool pool;
    private final Vertx vertx;
    // serialized: writes on any event loop and the LISTEN connection signal at once, and a processor's subscribers
    // (the feed's trigger merge) must never see two onNext calls at the same time
    private final SerializedProcessor<Boolean, Boolean> wakeups = BroadcastProcessor.<Boolean>create().serialized();
    private final AtomicBoolean notifyScheduled = new AtomicBoolean();
    private volatile SqlConnection listener;
    private volatile boolean stopping;

    public EventSignals(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        listen();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        SqlConnection connection = listener;
        if (connection != null) {
            connection.closeAndForget();
        }
        wakeups.onComplete();
    }

    /** Wake-ups for this instance's subscribers; each subscriber keeps only the latest one it has not handled. */
    public Multi<Boolean> wakeups() {
        return Multi.createFrom().publisher(wakeups).onOverflow().dropPreviousItems();
    }

    /** Events were committed here: wake local subscribers now and the other instances' shortly. */
    public void written() {
        wakeups.onNext(Boolean.TRUE);
        if (notifyScheduled.compareAndSet(false, true)) {
            vertx.setTimer(COALESCE_MILLIS, id -> {
                notifyScheduled.set(false);
                pool.query("NOTIFY " + CHANNEL).execute().subscribe().with(
                        ignored -> { }, e -> Log.debugf("NOTIFY failed (%s); subscribers will poll", e.getClass().getName()));
            });
        }
    }

    private void listen() {
        if (stopping) {
            return;
        }
        pool.getConnection().subscribe().with(connection -> {
            PgConnection pg = PgConnection.cast(connection);
            pg.notificationHandler(notification -> wakeups.onNext(Boolean.TRUE));
            pg.closeHandler(() -> {
                listener = null;
                relistenLater();
            });
            listener = connection;
            connection.query("LISTEN " + CHANNEL).execute().subscribe().with(
                    ignored -> wakeups.onNext(Boolean.TRUE),
                    e -> connection.closeAndForget());
        }, e -> relistenLater());
    }

    private void relistenLater() {
        if (!stopping) {
            Log.debugf("Event LISTEN connection unavailable; retrying in %d ms", RELISTEN_MILLIS);
            vertx.setTimer(RELISTEN_MILLIS, id -> listen());
        }
    }
}
