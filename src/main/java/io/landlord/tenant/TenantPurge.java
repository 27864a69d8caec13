package io.landlord.tenant;

import io.landlord.common.persistence.DatabaseOutage;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Erases, every {@code landlord.tenants.purge-interval}, the deleted tenants whose restore window has passed, batch
 * after batch until none is due. Every instance runs it: each batch skips the rows another instance is erasing.
 */
@ApplicationScoped
public class TenantPurge {

    private final TenantService tenants;
    private final TenantsConfig config;
    private final Vertx vertx;
    private volatile long timer = -1;

    public TenantPurge(TenantService tenants, TenantsConfig config, Vertx vertx) {
        this.tenants = tenants;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.purgeInterval().toMillis(), id -> purgeDue().subscribe().with(
                purged -> Log.debugf("Purged %d deleted tenants", purged),
                e -> DatabaseOutage.warn(TenantPurge.class, e, "Purging deleted tenants failed; retried next interval")));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Purges every tenant due now; returns how many. */
    public Uni<Integer> purgeDue() {
        return purgeFrom(0);
    }

    private Uni<Integer> purgeFrom(int purgedSoFar) {
        return tenants.purgeDue().flatMap(purged -> purged > 0
                ? purgeFrom(purgedSoFar + purged)
                : Uni.createFrom().item(purgedSoFar));
    }
}
