package io.landlord.tenant;

import io.landlord.common.pagination.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, UUID> {

    private static final String WITH_ENVIRONMENT = "from Tenant t join fetch t.environment ";

    /** One keyset page in (createdAt, id) order, with one extra row that tells whether another page follows. */
    @WithSession
    public Uni<List<Tenant>> page(PageRequest page) {
        if (page.firstPage()) {
            return find(WITH_ENVIRONMENT + "order by t.createdAt, t.id").range(0, page.limit()).list();
        }
        return find(WITH_ENVIRONMENT + "where (t.createdAt, t.id) > (:createdAt, :id) order by t.createdAt, t.id",
                Parameters.with("createdAt", page.afterCreatedAt()).and("id", page.afterId()))
                .range(0, page.limit()).list();
    }

    /** One keyset page of a main tenant's sub-tenants in (createdAt, id) order, with one extra row. */
    @WithSession
    public Uni<List<Tenant>> subTenantPage(UUID mainTenantId, PageRequest page) {
        if (page.firstPage()) {
            return find(WITH_ENVIRONMENT + "where t.mainTenantId = ?1 order by t.createdAt, t.id", mainTenantId)
                    .range(0, page.limit()).list();
        }
        return find(WITH_ENVIRONMENT + "where t.mainTenantId = :main and (t.createdAt, t.id) > (:createdAt, :id)"
                + " order by t.createdAt, t.id",
                Parameters.with("main", mainTenantId).and("createdAt", page.afterCreatedAt()).and("id", page.afterId()))
                .range(0, page.limit()).list();
    }

    @WithSession
    public Uni<Tenant> findSubTenant(UUID mainTenantId, UUID id) {
        return find(WITH_ENVIRONMENT + "where t.id = ?1 and t.mainTenantId = ?2", id, mainTenantId).firstResult();
    }

    @WithSession
    public Uni<Tenant> findWithEnvironment(UUID id) {
        return find(WITH_ENVIRONMENT + "where t.id = ?1", id).firstResult();
    }
}
