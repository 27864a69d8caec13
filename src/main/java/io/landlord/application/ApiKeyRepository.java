package io.landlord.application;

import static io.landlord.common.persistence.Lookups.atMostOne;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.landlord.common.pagination.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, UUID> {

    /**
     * The gateways' lookup: one probe of the unique index on the key's hash, so its cost does not grow with the
     * number of keys. Only a live key matches: not revoked, not expired, its tenant not locked.
     */
    static final String LIVE_KEY = """
            SELECT a.tenant_id, k.application_id, a.product_code, a.package_code, k.env, k.config::text AS config
              FROM api_keys k
              JOIN applications a ON a.id = k.application_id
              JOIN tenants t ON t.id = a.tenant_id
             WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND k.expires_at > now() AND NOT t.locked
            """;
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper json;

    public ApiKeyRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** The live key with this hash, or null. */
    public Uni<VerifiedApiKeyResponse> findLive(byte[] keyHash) {
        return pool.preparedQuery(LIVE_KEY).execute(Tuple.of(Buffer.buffer(keyHash))).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new VerifiedApiKeyResponse(row.getUUID("tenant_id"), row.getUUID("application_id"),
                    row.getString("product_code"), row.getString("package_code"), row.getString("env"),
                    jsonObject(row.getString("config")));
        });
    }

    @WithSession
    public Uni<ApiKey> findInApplication(UUID applicationId, UUID id) {
        return atMostOne(find("id = ?1 and applicationId = ?2", id, applicationId));
    }

    /** One keyset page of an application's keys in (createdAt, id) order, with one extra row. */
    @WithSession
    public Uni<List<ApiKey>> page(UUID applicationId, PageRequest page) {
        if (page.firstPage()) {
            return find("applicationId = ?1 order by createdAt, id", applicationId).range(0, page.limit()).list();
        }
        return find("applicationId = :applicationId and (createdAt, id) > (:createdAt, :id) order by createdAt, id",
                Parameters.with("applicationId", applicationId).and("createdAt", page.afterCreatedAt()).and("id", page.afterId()))
                .range(0, page.limit()).list();
    }

    private Map<String, Object> jsonObject(String text) {
        try {
            return json.readValue(text, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("api_keys.config is not a JSON object");
        }
    }
}
