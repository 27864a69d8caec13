package io.landlord.tenant;

import io.landlord.common.persistence.PeriodicJob;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.stream.Collectors;

/**
 * Erases, every {@code landlord.tenants.purge-interval}, the deleted tenants whose restore window has passed, batch
 * after batch until none is due. Every instance runs it: each batch skips the rows another instance is erasing.
 */
@ApplicationScoped
public class TenantPurge {

    private final TenantService tenants;
    private final TenantsConfig config;
    private final Vertx vertx;
    private volatile PeriodicJob job;

    public TenantPurge(TenantService tenants, TenantsConfig config, Vertx vertx) {
        this.tenants = tenants;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        job = PeriodicJob.every(vertx, config.purgeInterval(), this::purgeDue, TenantPurge.class,
                "Purging deleted tenants failed; retried next interval");
    }

    void onStop(@Observes ShutdownEvent event) {
        if (job != null) {
            job.stop();
        }
    }

    /** Purges every tenant due now, batch after batch until one finds none; returns how many. */
    public Uni<Integer> purgeDue() {
        return Multi.createBy().repeating().uni(tenants::purgeDue).whilst(purged -> purged > 0)
                .collect().with(Collectors.summingInt(Integer::intValue));
    }
}
