package io.landlord.usage;

import io.landlord.event.EventRecorder;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.UUID;

/**
 * Records ENTITLEMENT_THRESHOLD_REACHED (80 %) and ENTITLEMENT_EXHAUSTED (100 %) once per entitlement period: the
 * database's primary key makes "once" hold across instances. Each new notice is an event of the audit trail,
 * written by the same statement.
 */
@ApplicationScoped
public class QuotaNotices {

    private final UsageRepository usage;
    private final EventRecorder events;

    public QuotaNotices(UsageRepository usage, EventRecorder events) {
        this.usage = usage;
        this.events = events;
    }

    public Uni<Void> check(Collection<UUID> tenants, String type) {
        return Multi.createFrom().iterable(tenants)
                .onItem().transformToUniAndConcatenate(tenant -> usage.recordNotices(tenant, type)
                        .invoke(levels -> {
                            levels.forEach(level -> Log.infof("Quota notice %s tenantId=%s type=%s", level, tenant, type));
                            if (!levels.isEmpty()) {
                                events.committed();
                            }
                        }))
                .collect().last().replaceWithVoid();
    }
}
