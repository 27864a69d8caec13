package io.landlord.common.security;

import io.landlord.common.persistence.DatabaseOutage;
import io.landlord.common.config.LandlordConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The ids of locked tenants, so every request can refuse a locked tenant's tokens without a query. Each instance
 * reloads the (small) set every {@code landlord.locks.refresh-interval}, so a lock made through any instance takes
 * effect everywhere within that interval; the instance that made the change applies it at once.
 */
@ApplicationScoped
public class LockedTenants {

    private final Pool pool;
    private final Vertx vertx;
    private final long refreshMillis;
    private volatile Set<UUID> locked = Set.of();
    /** Counts this instance's own changes, so that a reload that read the table before one of them is not applied. */
    private long changes;
    private volatile long timer = -1;

    public LockedTenants(Pool pool, Vertx vertx, LandlordConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.refreshMillis = config.locks().refreshInterval().toMillis();
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
        timer = vertx.setPeriodic(refreshMillis, id -> refresh());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public boolean isLocked(UUID tenantId) {
        return locked.contains(tenantId);
    }

    /** Applies a change made by this instance without waiting for the next reload. */
    public synchronized void changed(UUID tenantId, boolean isLocked) {
        Set<UUID> next = new HashSet<>(locked);
        if (isLocked) {
            next.add(tenantId);
        } else {
            next.remove(tenantId);
        }
        locked = Set.copyOf(next);
        changes++;
    }

    private void refresh() {
        long changesBefore = changesSoFar();
        pool.query("SELECT id FROM tenants WHERE locked").execute().subscribe().with(rows -> {
            Set<UUID> ids = new HashSet<>();
            for (Row row : rows) {
                ids.add(row.getUUID(0));
            }
            reloaded(Set.copyOf(ids), changesBefore);
        }, e -> DatabaseOutage.warn(LockedTenants.class, e, "Reloading locked tenants failed; keeping the previous set"));
    }

    synchronized long changesSoFar() {
        return changes;
    }

    // a change committed here while the reload ran may be missing from what it read: keep the set, reload next time
    synchronized void reloaded(Set<UUID> ids, long changesBefore) {
        if (changes == changesBefore) {
            locked = ids;
        }
    }
}
