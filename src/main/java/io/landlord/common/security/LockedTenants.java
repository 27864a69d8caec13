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
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The ids of locked tenants and of deleted ones, so every request can refuse their tokens without a query. Each
 * instance reloads the (small) sets every {@code landlord.locks.refresh-interval}, so a lock or a delete made through
 * any instance takes effect everywhere within that interval; the instance that made the change applies it at once.
 */
@ApplicationScoped
public class LockedTenants {

    private final Pool pool;
    private final Vertx vertx;
    private final long refreshMillis;
    private volatile Set<UUID> locked = Set.of();
    private volatile Set<UUID> deleted = Set.of();
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

    /** Deleted and not restored (yet): its tokens are refused as if they were not valid. */
    public boolean isDeleted(UUID tenantId) {
        return deleted.contains(tenantId);
    }

    /** Applies a change made by this instance without waiting for the next reload. */
    public synchronized void changed(UUID tenantId, boolean isLocked) {
        locked = withChange(locked, List.of(tenantId), isLocked);
        changes++;
    }

    /** Applies a delete ({@code isDeleted}) or a restore made by this instance without waiting for the next reload. */
    public synchronized void deletedChanged(Collection<UUID> tenantIds, boolean isDeleted) {
        deleted = withChange(deleted, tenantIds, isDeleted);
        changes++;
    }

    private static Set<UUID> withChange(Set<UUID> ids, Collection<UUID> changed, boolean member) {
        Set<UUID> next = new HashSet<>(ids);
        if (member) {
            next.addAll(changed);
        } else {
            next.removeAll(changed);
        }
        return Set.copyOf(next);
    }

    private void refresh() {
        long changesBefore = changesSoFar();
        pool.query("SELECT id, deleted_at IS NOT NULL FROM tenant_rows WHERE locked OR deleted_at IS NOT NULL").execute()
                .subscribe().with(rows -> {
                    Set<UUID> lockedIds = new HashSet<>();
                    Set<UUID> deletedIds = new HashSet<>();
                    for (Row row : rows) {
                        (row.getBoolean(1) ? deletedIds : lockedIds).add(row.getUUID(0));
                    }
                    reloaded(Set.copyOf(lockedIds), Set.copyOf(deletedIds), changesBefore);
                }, e -> DatabaseOutage.warn(LockedTenants.class, e, "Reloading locked tenants failed; keeping the previous set"));
    }

    synchronized long changesSoFar() {
        return changes;
    }

    // a change committed here while the reload ran may be missing from what it read: keep the set, reload next time
    synchronized void reloaded(Set<UUID> lockedIds, Set<UUID> deletedIds, long changesBefore) {
        if (changes == changesBefore) {
            locked = lockedIds;
            deleted = deletedIds;
        }
    }
}
