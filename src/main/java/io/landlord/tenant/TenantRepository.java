package io.landlord.tenant;

import static io.landlord.common.persistence.Lookups.atMostOne;

import io.landlord.common.pagination.PageRequest;
import io.landlord.environment.Environment;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, UUID> {

    /** A search hit: the tenant's id and its sort values (for the next cursor). */
    record Hit(UUID id, List<Object> sortValues) {
    }

    private final Pool pool;

    public TenantRepository(Pool pool) {
        this.pool = pool;
    }

    /** Runs a compiled search on the reactive client: ids and sort values, in order. */
    Uni<List<Hit>> search(TenantSearch.Query query) {
        return pool.preparedQuery(query.sql()).execute(Tuple.from(query.params())).map(rows -> {
            List<Hit> hits = new ArrayList<>();
            for (Row row : rows) {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < query.sortKeys().size(); i++) {
                    values.add(row.getValue("k" + i));
                }
                hits.add(new Hit(row.getUUID("id"), values));
            }
            return hits;
        });
    }

    /** The tenants with these ids, with their environments, in the order of {@code ids}; detached, as {@link #findForReading}. */
    public Uni<List<Tenant>> findAllInOrder(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery(READ + "WHERE t.id = ANY($1)").execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, Tenant> byId = new HashMap<>();
            rows.forEach(row -> byId.put(row.getUUID("id"), detached(row)));
            return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        });
    }

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
        return atMostOne(find(WITH_ENVIRONMENT + "where t.id = ?1 and t.mainTenantId = ?2", id, mainTenantId));
    }

    @WithSession
    public Uni<Tenant> findWithEnvironment(UUID id) {
        return atMostOne(find(WITH_ENVIRONMENT + "where t.id = ?1", id));
    }

    private static final String READ = "SELECT t.id, t.name, t.subdomain, t.type, t.main_tenant_id, t.code, t.description,"
            + " t.tag, t.profile, t.verified_domain, t.locked, t.locked_at, t.created_at, t.updated_at, e.id AS e_id,"
            + " e.name AS e_name, e.domain, e.deployment_model, e.authorization_server_domain, e.region_id, e.region_name,"
            + " e.region_display_name, e.created_at AS e_created_at, e.updated_at AS e_updated_at"
            + " FROM tenants t JOIN environments e ON e.id = t.environment_id ";

    /**
     * As {@link #findWithEnvironment}, for reading only: one statement on the reactive client and a detached tenant,
     * without a Hibernate session, its persistence context and the entity's hydration.
     */
    public Uni<Tenant> findForReading(UUID id) {
        return pool.preparedQuery(READ + "WHERE t.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : detached(rows.iterator().next()));
    }

    private static Tenant detached(Row row) {
        Environment environment = new Environment();
        environment.id = row.getUUID("e_id");
        environment.name = row.getString("e_name");
        environment.domain = row.getString("domain");
        environment.deploymentModel = row.getString("deployment_model");
        environment.authorizationServerDomain = row.getString("authorization_server_domain");
        environment.regionId = row.getUUID("region_id");
        environment.regionName = row.getString("region_name");
        environment.regionDisplayName = row.getString("region_display_name");
        environment.createdAt = instant(row, "e_created_at");
        environment.updatedAt = instant(row, "e_updated_at");
        Tenant tenant = new Tenant();
        tenant.id = row.getUUID("id");
        tenant.environment = environment;
        tenant.name = row.getString("name");
        tenant.subdomain = row.getString("subdomain");
        tenant.type = row.getString("type");
        tenant.mainTenantId = row.getUUID("main_tenant_id");
        tenant.code = row.getString("code");
        tenant.description = row.getString("description");
        tenant.tag = row.getString("tag");
        tenant.profile = row.getJsonObject("profile").getMap();
        tenant.verifiedDomain = row.getString("verified_domain");
        tenant.locked = row.getBoolean("locked");
        tenant.lockedAt = instant(row, "locked_at");
        tenant.createdAt = instant(row, "created_at");
        tenant.updatedAt = instant(row, "updated_at");
        return tenant;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}
