package io.landlord.entitlement;

import static io.landlord.common.persistence.Lookups.atMostOne;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class EntitlementRepository implements PanacheRepositoryBase<Entitlement, Entitlement.Key> {

    @WithSession
    public Uni<List<Entitlement>> ofTenant(UUID tenantId) {
        return list("tenantId = ?1 order by type", tenantId);
    }

    @WithSession
    public Uni<Entitlement> findOne(UUID tenantId, String type) {
        return atMostOne(find("tenantId = ?1 and type = ?2", tenantId, type));
    }
}
