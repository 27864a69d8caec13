package io.landlord.operation;

import static io.landlord.common.persistence.Lookups.atMostOne;

import io.landlord.common.error.ApiException;
import io.landlord.common.pagination.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Operations. Claims are single atomic statements on the reactive client, so with several instances on one
 * database each claimable operation goes to exactly one claimer.
 */
@ApplicationScoped
public class OperationRepository implements PanacheRepositoryBase<Operation, UUID> {

    private static final String CLAIMABLE = "(status = 'PENDING' OR (status = 'RUNNING' AND lease_until < now()))";
    /** $1 = the claim id, $2 = the lease in seconds; $3 is the operation id (one) or the limit (batch). */
    private static final String CLAIM = """
            UPDATE operations
               SET status = 'RUNNING', claim_id = $1, lease_until = now() + make_interval(secs => $2),
                   attempts = attempts + 1, updated_at = now()
            """;
    private static final String CLAIM_ONE = CLAIM + " WHERE id = $3 AND " + CLAIMABLE + " RETURNING id";
    private static final String CLAIM_BATCH = CLAIM
            + " WHERE id IN (SELECT id FROM operations WHERE status IN ('PENDING', 'RUNNING') AND " + CLAIMABLE
            + " ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING id";

    private static final String INSERT = """
            INSERT INTO operations (id, status, request, request_hash, submitted_by, idempotency_key, created_at, updated_at, kind)
            VALUES ($1, 'PENDING', $2::text::jsonb, $3, $4, $5, $6, $6, $7)
            ON CONFLICT (submitted_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING id
            """;
    private static final String BY_KEY = "SELECT id, request_hash FROM operations WHERE submitted_by = $1 AND idempotency_key = $2";

    private final Pool pool;

    public OperationRepository(Pool pool) {
        this.pool = pool;
    }

    /** Claims this operation if it is claimable; true when this caller now holds it. */
    public Uni<Boolean> claim(UUID id, UUID claimId, Duration lease) {
        return pool.preparedQuery(CLAIM_ONE).execute(Tuple.of(claimId, (double) lease.toSeconds(), id))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Claims up to {@code limit} claimable operations, oldest first, skipping those another claimer holds. */
    public Uni<List<UUID>> claimBatch(int limit, UUID claimId, Duration lease) {
        return pool.preparedQuery(CLAIM_BATCH).execute(Tuple.of(claimId, (double) lease.toSeconds(), limit)).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            for (Row row : rows) {
                ids.add(row.getUUID(0));
            }
            return ids;
        });
    }

    /**
     * Gives operations still running under these claims back to PENDING, as if they had never been claimed, so the
     * next sweep here or on another instance takes them at once instead of after the lease. A row locked by a run
     * whose transaction is still open is skipped, never waited for: that run commits its result, or, cut off when
     * the instance stops, leaves the operation to be taken over when its lease runs out. A run whose claim was
     * released writes nothing (its claim is gone when it locks the row).
     */
    public Uni<Integer> release(Collection<UUID> claimIds) {
        return pool.preparedQuery("""
                UPDATE operations SET status = 'PENDING', claim_id = NULL, lease_until = NULL,
                       attempts = greatest(attempts - 1, 0), updated_at = now()
                 WHERE id IN (SELECT id FROM operations WHERE status = 'RUNNING' AND claim_id = ANY($1)
                              FOR UPDATE SKIP LOCKED)
                """)
                .execute(Tuple.of(claimIds.toArray(UUID[]::new)))
                .map(rows -> rows.rowCount());
    }

    public Uni<Long> countPending() {
        return pool.query("SELECT count(*) FROM operations WHERE status = 'PENDING'").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Erases unread one-time results and bundles past their expiry; releases Idempotency-Keys past their window. */
    public Uni<Void> expire(Duration idempotencyWindow) {
        return pool.query("UPDATE operations SET result_secret = NULL, result = NULL, updated_at = now()"
                + " WHERE (result_secret IS NOT NULL OR result IS NOT NULL) AND result_expires_at < now()").execute()
                .flatMap(ignored -> pool.preparedQuery("UPDATE operations SET idempotency_key = NULL"
                        + " WHERE idempotency_key IS NOT NULL AND created_at < now() - make_interval(secs => $1)")
                        .execute(Tuple.of((double) idempotencyWindow.toSeconds())))
                .replaceWithVoid();
    }

    /**
     * Inserts a new PENDING operation unless the submitter already used the Idempotency-Key; returns the id of
     * the operation that holds the key (the new one, or the earlier one, if it was for the same request). What
     * {@code alsoInTransaction} writes commits with it.
     */
    public Uni<UUID> insert(UUID id, Operation.Kind kind, String submittedBy, String requestJson, byte[] requestHash,
            String idempotencyKey, Instant now, BiFunction<SqlClient, UUID, Uni<Void>> alsoInTransaction) {
        Tuple params = Tuple.tuple().addUUID(id).addString(requestJson).addValue(Buffer.buffer(requestHash))
                .addString(submittedBy).addString(idempotencyKey).addOffsetDateTime(now.atOffset(ZoneOffset.UTC))
                .addString(kind.name());
        return pool.withTransaction(transaction -> transaction.preparedQuery(INSERT).execute(params).flatMap(rows -> rows.rowCount() == 1
                ? Uni.createFrom().item(id)
                : transaction.preparedQuery(BY_KEY).execute(Tuple.of(submittedBy, idempotencyKey))
                        .map(existing -> sameRequest(existing.iterator().next(), requestHash)))
                .call(heldBy -> alsoInTransaction.apply(transaction, heldBy)));
    }

    /** The operation that holds the submitter's Idempotency-Key, or null; 422 if it holds it for another request. */
    public Uni<UUID> heldBy(String submittedBy, String idempotencyKey, byte[] requestHash) {
        return pool.preparedQuery(BY_KEY).execute(Tuple.of(submittedBy, idempotencyKey))
                .map(rows -> rows.size() == 0 ? null : sameRequest(rows.iterator().next(), requestHash));
    }

    private static UUID sameRequest(Row row, byte[] requestHash) {
        if (!Arrays.equals(row.getBuffer("request_hash").getBytes(), requestHash)) {
            throw new ApiException(422, "IdempotencyKeyReused", "This Idempotency-Key was used with a different request", List.of());
        }
        return row.getUUID("id");
    }

    @WithSession
    public Uni<Operation> findOne(UUID id) {
        return atMostOne(find("id", id));
    }

    /** The operation, its row locked until the transaction ends. */
    @WithSession
    public Uni<Operation> lock(UUID id) {
        return atMostOne(find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE));
    }

    /** One keyset page, optionally of one status and one submitter, with one extra row. */
    @WithSession
    public Uni<List<Operation>> page(String status, String submittedBy, PageRequest page) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (status != null) {
            where.add("status = :status");
            params.and("status", status);
        }
        if (submittedBy != null) {
            where.add("submittedBy = :submittedBy");
            params.and("submittedBy", submittedBy);
        }
        if (!page.firstPage()) {
            where.add("(createdAt, id) > (:createdAt, :id)");
            params.and("createdAt", page.afterCreatedAt()).and("id", page.afterId());
        }
        String query = (where.isEmpty() ? "" : "where " + String.join(" and ", where)) + " order by createdAt, id";
        return find(query, params).range(0, page.limit()).list();
    }

    /** How many operations of {@code status} (and of one submitter, if given) began at or after {@code since}. */
    @WithSession
    public Uni<Long> countSince(String status, String submittedBy, Instant since) {
        Parameters params = Parameters.with("status", status).and("since", since);
        String where = "status = :status and createdAt >= :since";
        if (submittedBy != null) {
            where += " and submittedBy = :submittedBy";
            params.and("submittedBy", submittedBy);
        }
        return count(where, params);
    }

    /** The newest {@code limit} operations of {@code status} (and of one submitter, if given). */
    @WithSession
    public Uni<List<Operation>> latest(String status, String submittedBy, int limit) {
        Parameters params = Parameters.with("status", status);
        String where = "status = :status";
        if (submittedBy != null) {
            where += " and submittedBy = :submittedBy";
            params.and("submittedBy", submittedBy);
        }
        return find(where + " order by createdAt desc, id desc", params).range(0, limit - 1).list();
    }
}
