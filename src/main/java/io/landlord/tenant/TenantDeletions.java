package io.landlord.tenant;

import io.landlord.common.pagination.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deleted tenants: the marks a delete sets and a restore clears on {@code tenant_rows}, and the purge that erases
 * them. The statements run on the caller's transaction ({@code tx}); each one states its condition, so that a
 * concurrent twin finds nothing left to do.
 */
@ApplicationScoped
public class TenantDeletions implements PanacheRepositoryBase<DeletedTenant, UUID> {

    /** Where a tenant stands when a restore or a purge found nothing to do. */
    enum Standing { ABSENT, LIVE, DELETED_WITH_MAIN, MAIN_DELETED, WINDOW_PASSED, RESTORABLE }

    private static final String MARK = """
            UPDATE tenant_rows SET deleted_at = $2, purge_after = $3, deletion_id = $4
             WHERE %s AND deleted_at IS NULL
            RETURNING id
            """;
    private static final String UNMARK = """
            UPDATE tenant_rows t SET deleted_at = NULL, purge_after = NULL, deletion_id = NULL
             WHERE %s
            RETURNING id
            """;
    private static final String RESTORABLE = """
            t.id = $1 AND t.deletion_id = $1 AND t.purge_after > $2
               AND NOT EXISTS (SELECT 1 FROM tenant_rows m WHERE m.id = t.main_tenant_id AND m.deleted_at IS NOT NULL)""";
    private static final String STANDING = """
            SELECT t.deleted_at IS NOT NULL AS deleted, t.deletion_id = t.id AS own_deletion, t.purge_after > $2 AS in_window,
                   EXISTS (SELECT 1 FROM tenant_rows m WHERE m.id = t.main_tenant_id AND m.deleted_at IS NOT NULL) AS main_deleted
              FROM tenant_rows t WHERE t.id = $1
            """;
    /** A deleted tenant and its (necessarily deleted) sub-tenants: none may stay behind a purged main tenant. */
    private static final String PURGE_ONE = """
            DELETE FROM tenant_rows WHERE deleted_at IS NOT NULL AND (id = $1 OR main_tenant_id = $1) RETURNING id
            """;
    /** Locked rows are another instance's batch: skipped, so instances purge side by side. */
    private static final String PURGE_DUE = """
            WITH due AS (
                SELECT id FROM tenant_rows
                 WHERE deleted_at IS NOT NULL AND purge_after <= $1
                 ORDER BY purge_after
                 LIMIT $2
                   FOR UPDATE SKIP LOCKED)
            DELETE FROM tenant_rows
             WHERE deleted_at IS NOT NULL AND (id IN (SELECT id FROM due) OR main_tenant_id IN (SELECT id FROM due))
            RETURNING id
            """;
    private static final String HOLDER = """
            SELECT purge_after FROM tenant_rows WHERE environment_id = $1 AND subdomain = $2 AND deleted_at IS NOT NULL
            """;

    /** Marks {@code id}, and with {@code cascade} its live sub-tenants first, as deleted by this deletion. */
    Uni<List<UUID>> markDeleted(SqlClient tx, UUID id, boolean cascade, Instant now, Instant purgeAfter) {
        Tuple marks = Tuple.of(id, utc(now), utc(purgeAfter), id);
        Uni<List<UUID>> subTenants = cascade
                ? tx.preparedQuery(MARK.formatted("main_tenant_id = $1")).execute(marks).map(TenantDeletions::ids)
                : Uni.createFrom().item(List.of());
        return subTenants.flatMap(subs -> tx.preparedQuery(MARK.formatted("id = $1")).execute(marks).map(rows -> {
            List<UUID> all = new ArrayList<>(ids(rows));
            if (!all.isEmpty()) {
                all.addAll(subs);
            }
            return all;
        }));
    }

    /**
     * Clears the marks of {@code id}'s deletion if it may be restored at {@code now}: the tenant first (a live
     * sub-tenant needs a live main tenant), then the sub-tenants deleted with it. Empty if it may not.
     */
    Uni<List<UUID>> unmarkDeleted(SqlClient tx, UUID id, Instant now) {
        return tx.preparedQuery(UNMARK.formatted(RESTORABLE)).execute(Tuple.of(id, utc(now))).map(TenantDeletions::ids)
                .flatMap(restored -> restored.isEmpty() ? Uni.createFrom().item(restored)
                        : tx.preparedQuery(UNMARK.formatted("t.deletion_id = $1")).execute(Tuple.of(id)).map(subs -> {
                            List<UUID> all = new ArrayList<>(restored);
                            all.addAll(ids(subs));
                            return all;
                        }));
    }

    Uni<Standing> standing(SqlClient tx, UUID id, Instant now) {
        return tx.preparedQuery(STANDING).execute(Tuple.of(id, utc(now))).map(rows -> {
            if (rows.size() == 0) {
                return Standing.ABSENT;
            }
            Row row = rows.iterator().next();
            if (!row.getBoolean("deleted")) {
                return Standing.LIVE;
            }
            if (!row.getBoolean("own_deletion")) {
                return Standing.DELETED_WITH_MAIN;
            }
            if (!row.getBoolean("in_window")) {
                return Standing.WINDOW_PASSED;
            }
            return row.getBoolean("main_deleted") ? Standing.MAIN_DELETED : Standing.RESTORABLE;
        });
    }

    /** Locks {@code id} if it is deleted, so that no restore runs while it is purged. False if it is not deleted. */
    Uni<Boolean> lockDeleted(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT 1 FROM tenant_rows WHERE id = $1 AND deleted_at IS NOT NULL FOR UPDATE")
                .execute(Tuple.of(id)).map(rows -> rows.size() > 0);
    }

    /** Erases a deleted tenant and its sub-tenants, with what they own (foreign keys cascade). */
    Uni<List<UUID>> purge(SqlClient tx, UUID id) {
        return tx.preparedQuery(PURGE_ONE).execute(Tuple.of(id)).map(TenantDeletions::ids);
    }

    /** Erases up to {@code batch} deleted tenants whose window passed before {@code now}, and their sub-tenants. */
    Uni<List<UUID>> purgeDue(SqlClient tx, Instant now, int batch) {
        return tx.preparedQuery(PURGE_DUE).execute(Tuple.of(utc(now), batch)).map(TenantDeletions::ids);
    }

    /** Until when a deleted tenant holds this subdomain, or null if none does. */
    Uni<Instant> heldUntil(SqlClient client, UUID environmentId, String subdomain) {
        return client.preparedQuery(HOLDER).execute(Tuple.of(environmentId, subdomain))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime(0).toInstant());
    }

    /** One keyset page of deleted tenants in (createdAt, id) order, with one extra row. */
    @WithSession
    public Uni<List<DeletedTenant>> page(PageRequest page) {
        String fetch = "from DeletedTenant t join fetch t.environment ";
        if (page.firstPage()) {
            return find(fetch + "order by t.createdAt, t.id").range(0, page.limit()).list();
        }
        return find(fetch + "where (t.createdAt, t.id) > (:createdAt, :id) order by t.createdAt, t.id",
                Parameters.with("createdAt", page.afterCreatedAt()).and("id", page.afterId()))
                .range(0, page.limit()).list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static List<UUID> ids(RowSet<Row> rows) {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getUUID(0)));
        return ids;
    }
}
