package io.landlord.webhook;

import io.landlord.common.pagination.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class WebhookRepository implements PanacheRepositoryBase<Webhook, UUID> {

    @WithSession
    public Uni<Webhook> findOne(UUID id) {
        return findById(id);
    }

    /** One keyset page in (createdAt, id) order, with one extra row. */
    @WithSession
    public Uni<List<Webhook>> page(PageRequest page) {
        if (page.firstPage()) {
            return find("order by createdAt, id").range(0, page.limit()).list();
        }
        return find("(createdAt, id) > (:createdAt, :id) order by createdAt, id",
                Parameters.with("createdAt", page.afterCreatedAt()).and("id", page.afterId()))
                .range(0, page.limit()).list();
    }
}
