package io.landlord.usage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/** Usage counters, reports, quota notices and the hard-limit query, on the reactive client. */
@ApplicationScoped
public class UsageRepository {

    /** Adds to an hour bucket; usage of a tenant deleted meanwhile is dropped. */
    private static final String ADD = """
            INSERT INTO usage (tenant_id, type, bucket_start, quantity)
            SELECT $1, $2, date_trunc('hour', $3::timestamptz), $4 WHERE EXISTS (SELECT 1 FROM tenants WHERE id = $1)
            ON CONFLICT (tenant_id, type, bucket_start) DO UPDATE SET quantity = usage.quantity + EXCLUDED.quantity
            """;
    /** A report counts once: the usage is added only by the statement that stored the report. */
    private static final String REPORT = """
            WITH report AS (
                INSERT INTO usage_reports (tenant_id, id, type, quantity, at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (tenant_id, id) DO NOTHING RETURNING tenant_id, type, at, quantity)
            INSERT INTO usage (tenant_id, type, bucket_start, quantity)
            SELECT tenant_id, type, date_trunc('hour', at), quantity FROM report
            ON CONFLICT (tenant_id, type, bucket_start) DO UPDATE SET quantity = usage.quantity + EXCLUDED.quantity
            RETURNING 1
            """;
    private static final String USED_IN_PERIOD = """
            (SELECT coalesce(sum(u.quantity), 0) FROM usage u
              WHERE u.tenant_id = e.tenant_id AND u.type = e.type
                AND u.bucket_start >= coalesce(date_trunc('hour', e.starts_at), '-infinity')
                AND (e.ends_at IS NULL OR u.bucket_start < e.ends_at))
            """;
    /** A notice is recorded once, and becomes an event of the audit trail in the same statement. */
    private static final String NOTICES = """
            WITH notice AS (
            INSERT INTO quota_notices (tenant_id, type, period_start, level)
            SELECT e.tenant_id, e.type, coalesce(e.starts_at, '-infinity'), l.level
              FROM entitlements e
              CROSS JOIN (VALUES ('ENTITLEMENT_THRESHOLD_REACHED', 0.8), ('ENTITLEMENT_EXHAUSTED', 1.0)) AS l (level, ratio)
             WHERE e.tenant_id = $1 AND e.type = $2 AND e.quantity > 0 AND %s >= e.quantity * l.ratio
            ON CONFLICT DO NOTHING
            RETURNING tenant_id, type, period_start, level)
            INSERT INTO events (id, type, occurred_at, tenant_id, payload)
            SELECT event_id(now()), level, now(), tenant_id,
                   jsonb_build_object('entitlementType', type, 'periodStart', period_start) FROM notice
            RETURNING type
            """.formatted(USED_IN_PERIOD);
    private static final String EXHAUSTED = """
            SELECT e.tenant_id FROM entitlements e
             WHERE e.type = 'TRANSACTIONS' AND e.hard_limit AND %s >= e.quantity
            """.formatted(USED_IN_PERIOD);

    private final Pool pool;

    public UsageRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> add(List<Tuple> increments) {
        return increments.isEmpty() ? Uni.createFrom().voidItem() : pool.preparedQuery(ADD).executeBatch(increments).replaceWithVoid();
    }

    /**
     * Stores a report, and whatever {@code alsoInTransaction} writes, in one transaction; true if it was new (and its
     * usage added), false if the id was seen before.
     */
    public Uni<Boolean> report(UUID tenantId, String id, String type, long quantity, OffsetDateTime at,
            BiFunction<SqlClient, Boolean, Uni<Void>> alsoInTransaction) {
        return pool.withTransaction(transaction -> transaction.preparedQuery(REPORT).execute(Tuple.of(tenantId, id, type, quantity, at))
                .map(rows -> rows.rowCount() > 0)
                .call(isNew -> alsoInTransaction.apply(transaction, isNew)));
    }

    /** Records the thresholds now crossed and not yet recorded in the period; returns their levels. */
    public Uni<List<String>> recordNotices(UUID tenantId, String type) {
        return pool.preparedQuery(NOTICES).execute(Tuple.of(tenantId, type)).map(rows -> {
            List<String> levels = new ArrayList<>();
            for (Row row : rows) {
                levels.add(row.getString(0));
            }
            return levels;
        });
    }

    public Uni<Set<UUID>> exhaustedHardLimits() {
        return pool.query(EXHAUSTED).execute().map(rows -> {
            Set<UUID> ids = new HashSet<>();
            for (Row row : rows) {
                ids.add(row.getUUID(0));
            }
            return ids;
        });
    }

    public Uni<List<Row>> search(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<Row> list = new ArrayList<>();
            rows.forEach(list::add);
            return list;
        });
    }
}
