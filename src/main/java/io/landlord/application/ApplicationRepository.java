package io.landlord.application;

import static io.landlord.common.persistence.Lookups.atMostOne;

import io.landlord.common.pagination.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ApplicationRepository implements PanacheRepositoryBase<Application, UUID> {

    @WithSession
    public Uni<Application> findInTenant(UUID tenantId, UUID id) {
        return atMostOne(find("id = ?1 and tenantId = ?2", id, tenantId));
    }

    /** One keyset page of a tenant's applications in (createdAt, id) order, with one extra row. */
    @WithSession
    public Uni<List<Application>> page(UUID tenantId, PageRequest page) {
        if (page.firstPage()) {
            return find("tenantId = ?1 order by createdAt, id", tenantId).range(0, page.limit()).list();
        }
        return find("tenantId = :tenantId and (createdAt, id) > (:createdAt, :id) order by createdAt, id",
                Parameters.with("tenantId", tenantId).and("createdAt", page.afterCreatedAt()).and("id", page.afterId()))
                .range(0, page.limit()).list();
    }
}
