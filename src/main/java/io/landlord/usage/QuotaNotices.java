package io.landlord.usage;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.UUID;

/**
 * Records ENTITLEMENT_THRESHOLD_REACHED (80 %) and ENTITLEMENT_EXHAUSTED (100 %) once per entitlement period: the
 * database's primary key makes "once" hold across instances. Each new notice is also written as an event line
 * (the events store takes them over when it exists).
 */
@ApplicationScoped
public class QuotaNotices {

    private final UsageRepository usage;

    public QuotaNotices(UsageRepository usage) {
        this.usage = usage;
    }

    public Uni<Void> check(Collection<UUID> tenants, String type) {
        return Multi.createFrom().iterable(tenants)
                .onItem().transformToUniAndConcatenate(tenant -> usage.recordNotices(tenant, type)
                        .invoke(levels -> levels.forEach(level ->
                                Log.infof("event=%s tenantId=%s type=%s", level, tenant, type))))
                .collect().last().replaceWithVoid();
    }
}
