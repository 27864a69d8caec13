package io.landlord.client;

import static io.landlord.common.persistence.Lookups.atMostOne;

import io.landlord.common.pagination.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Clients of one scope: a tenant's ({@code tenantId}) or the management plane's ({@code tenantId} null). */
@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<Client, UUID> {

    private static final String CREDENTIALS = """
            SELECT c.client_id, c.secret_hash, c.roles, c.tenant_id, t.subdomain, e.domain, t.locked,
                   CASE WHEN c.previous_secret_expires_at > clock_timestamp() THEN c.previous_secret_hash END AS previous_secret_hash
              FROM clients c
              LEFT JOIN tenants t ON t.id = c.tenant_id
              LEFT JOIN environments e ON e.id = t.environment_id
             WHERE c.client_id = $1
               AND (c.tenant_id IS NULL OR t.id IS NOT NULL) -- a deleted tenant's clients are unknown until a restore
            """;

    private final Pool pool;

    public ClientRepository(Pool pool) {
        this.pool = pool;
    }

    /** The token endpoint's lookup: one indexed query on the reactive client, no ORM session. */
    public Uni<ClientCredentials> findCredentials(String clientId) {
        return pool.preparedQuery(CREDENTIALS).execute(Tuple.of(clientId)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            UUID tenantId = row.getUUID("tenant_id");
            Buffer previous = row.getBuffer("previous_secret_hash");
            return new ClientCredentials(row.getString("client_id"), row.getBuffer("secret_hash").getBytes(),
                    previous == null ? null : previous.getBytes(), Arrays.asList(row.getArrayOfStrings("roles")), tenantId,
                    tenantId == null ? null : "https://" + row.getString("subdomain") + "." + row.getString("domain"),
                    tenantId != null && row.getBoolean("locked"));
        });
    }

    /** Which of {@code clientIds} a client already holds (of any scope, a deleted tenant's too). */
    public Uni<Set<String>> taken(Collection<String> clientIds) {
        return pool.preparedQuery("SELECT client_id FROM clients WHERE client_id = ANY($1)")
                .execute(Tuple.of(clientIds.toArray(String[]::new))).map(rows -> {
                    Set<String> taken = new HashSet<>();
                    for (Row row : rows) {
                        taken.add(row.getString(0));
                    }
                    return taken;
                });
    }

    @WithSession
    public Uni<Client> findInScope(UUID tenantId, String clientId) {
        return tenantId == null
                ? atMostOne(find("clientId = ?1 and tenantId is null", clientId))
                : atMostOne(find("clientId = ?1 and tenantId = ?2", clientId, tenantId));
    }

    /** One keyset page of a scope's clients in (createdAt, id) order, with one extra row. */
    @WithSession
    public Uni<List<Client>> page(UUID tenantId, PageRequest page) {
        String scope = tenantId == null ? "tenantId is null" : "tenantId = :tenantId";
        Parameters params = tenantId == null ? new Parameters() : Parameters.with("tenantId", tenantId);
        if (page.firstPage()) {
            return find(scope + " order by createdAt, id", params).range(0, page.limit()).list();
        }
        return find(scope + " and (createdAt, id) > (:createdAt, :id) order by createdAt, id",
                params.and("createdAt", page.afterCreatedAt()).and("id", page.afterId()))
                .range(0, page.limit()).list();
    }
}
