package io.landlord.environment;

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
public class EnvironmentRepository implements PanacheRepositoryBase<Environment, UUID> {

    /** One keyset page in (createdAt, id) order, fetching one extra row to know whether another page follows. */
    @WithSession
    public Uni<List<Environment>> page(PageRequest page) {
        if (page.firstPage()) {
            return find("order by createdAt, id").range(0, page.limit()).list();
        }
        return find("(createdAt, id) > (:createdAt, :id) order by createdAt, id",
                Parameters.with("createdAt", page.afterCreatedAt()).and("id", page.afterId()))
                .range(0, page.limit()).list();
    }

    @WithSession
    public Uni<Environment> findOne(UUID id) {
        return atMostOne(find("id", id));
    }
}
