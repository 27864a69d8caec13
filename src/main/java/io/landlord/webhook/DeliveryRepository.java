package io.landlord.webhook;

import static io.landlord.common.persistence.Lookups.atMostOne;

import io.landlord.common.pagination.PageRequest;
import io.landlord.event.EventResponse;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The delivery queue. Dispatching and claiming are single statements on the reactive client; recording an
 * attempt's outcome runs in the caller's Hibernate Reactive transaction, so it can commit with an event.
 */
@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    /**
     * $1 = how many rows at most. Locks the cursor row, or does nothing while another instance holds it; takes the
     * next rows after it that no running transaction can still add to (tx below the snapshot's xmin), with their
     * events (an operation's row holds its START and its outcome, a row of like operations each one's: event_parts in
     * V14); queues one delivery per enabled webhook whose types and tenant match and which existed when the event occurred;
     * moves the cursor to the last row taken. One statement, so one transaction: no event is skipped or queued
     * twice (the unique (webhook_id, event_id) also says so). While no webhook is enabled it reads no events and
     * moves the cursor straight to that same snapshot frontier: nothing there could be delivered to anyone.
     * The cursor is compared as scalar subqueries, not joined: only then does the comparison become the index
     * condition, instead of a filter over every event.
     */
    static final String DISPATCH = """
            WITH cursor_row AS (
                SELECT tx, position FROM webhook_dispatch_cursor WHERE singleton FOR UPDATE SKIP LOCKED),
            listening AS (
                SELECT EXISTS (SELECT 1 FROM webhooks WHERE enabled) AS webhooks_enabled),
            taken AS (
                SELECT e.id, e.tx, e.position, e.type, e.started_at, e.occurred_at, e.tenant_id, e.ops_request_id,
                       e.ops_started_at, e.ops_occurred_at
                  FROM events e
                 WHERE (SELECT webhooks_enabled FROM listening)
                   AND (e.tx, e.position) > ((SELECT tx FROM cursor_row), (SELECT position FROM cursor_row))
                   AND e.tx < pg_snapshot_xmin(pg_current_snapshot())
                 ORDER BY e.tx, e.position LIMIT $1),
            batch AS (
                SELECT p.id, p.type, p.occurred_at, e.tenant_id
                  FROM taken e
                 -- which events the rows hold, not what they say: no error code or payload to carry
                 CROSS JOIN LATERAL event_parts(e.id, e.type, e.started_at, e.occurred_at, NULL, NULL, NULL,
                                                e.ops_request_id, e.ops_started_at, e.ops_occurred_at) p),
            queued AS (
                INSERT INTO webhook_deliveries (id, webhook_id, event_id, status, attempts, next_attempt_at, retrying_since,
                                                created_at, updated_at)
                SELECT gen_random_uuid(), w.id, b.id, 'PENDING', 0, now(), now(), now(), now()
                  FROM batch b
                  JOIN webhooks w ON w.enabled
                                 AND (cardinality(w.event_types) = 0 OR b.type = ANY (w.event_types))
                                 AND (w.tenant_id IS NULL OR w.tenant_id = b.tenant_id)
                                 AND b.occurred_at >= w.created_at
                ON CONFLICT (webhook_id, event_id) DO NOTHING
                RETURNING 1),
            last AS (
                (SELECT tx, position FROM taken ORDER BY tx DESC, position DESC LIMIT 1)
                UNION ALL
                SELECT pg_snapshot_xmin(pg_current_snapshot()), 0 WHERE NOT (SELECT webhooks_enabled FROM listening)),
            moved AS (
                UPDATE webhook_dispatch_cursor c SET tx = last.tx, position = last.position
                  FROM last, cursor_row
                 WHERE c.singleton AND (c.tx, c.position) < (last.tx, last.position)
                RETURNING 1)
            SELECT (SELECT count(*) FROM batch) AS events, (SELECT count(*) FROM queued) AS queued,
                   (SELECT count(*) FROM moved) AS moved, (SELECT webhooks_enabled FROM listening) AS listening
            """;

    /**
     * $1 = the claim id, $2 = the lease in seconds, $3 = how many. Takes due PENDING deliveries of enabled webhooks
     * that nobody holds (or whose holder's lease ran out: it crashed), skipping rows another claimer is taking.
     */
    private static final String CLAIM = """
            WITH claimed AS (
                UPDATE webhook_deliveries SET claim_id = $1, lease_until = now() + make_interval(secs => $2)
                 WHERE id IN (SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                               WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND w.enabled
                                 AND (d.lease_until IS NULL OR d.lease_until < now())
                               ORDER BY d.next_attempt_at LIMIT $3
                               FOR UPDATE OF d SKIP LOCKED)
                RETURNING id, webhook_id, event_id, attempts, retrying_since)
            SELECT c.id, c.webhook_id, c.event_id, c.attempts, c.retrying_since, w.url, w.sealed_secret,
                   CASE WHEN w.previous_secret_expires_at > now() THEN w.previous_sealed_secret END AS previous_sealed_secret,
                   e.id AS found_event, e.type, e.occurred_at, e.actor, e.tenant_id, e.request_id, e.error_code, e.payload,
                   e.traceparent
              FROM claimed c JOIN webhooks w ON w.id = c.webhook_id
              LEFT JOIN LATERAL (
                SELECT p.id, p.type, p.occurred_at, r.actor, r.tenant_id, p.request_id, p.error_code, p.payload, r.traceparent
                  FROM events r
                 CROSS JOIN LATERAL event_parts(r.id, r.type, r.started_at, r.occurred_at, r.error_code, r.payload,
                                                r.request_id, r.ops_request_id, r.ops_started_at, r.ops_occurred_at) p
                 WHERE r.id = ANY (event_row_ids(c.event_id)) AND p.id = c.event_id) e ON TRUE
            """;

    private static final String ATTEMPTS = """
            SELECT delivery_id, attempt, attempted_at, status_code, error, duration_ms
              FROM webhook_delivery_attempts WHERE delivery_id = ANY ($1) ORDER BY delivery_id, attempt
            """;

    private static final String PURGE = """
            DELETE FROM webhook_deliveries WHERE id IN (
                SELECT id FROM webhook_deliveries WHERE status <> 'PENDING' AND updated_at < $1 ORDER BY updated_at LIMIT $2)
            """;

    private final Pool pool;

    public DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /** What one dispatch did, and whether any webhook was enabled (listening for events) when it ran. */
    record Dispatched(long events, long queued, boolean listening) {
    }

    Uni<Dispatched> dispatch(int batchSize) {
        return pool.preparedQuery(DISPATCH).execute(Tuple.of(batchSize)).map(rows -> {
            Row row = rows.iterator().next();
            return new Dispatched(row.getLong("events"), row.getLong("queued"), row.getBoolean("listening"));
        });
    }

    Uni<List<ClaimedDelivery>> claim(UUID claimId, Duration lease, int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(claimId, (double) lease.toSeconds(), limit)).map(rows -> {
            List<ClaimedDelivery> claimed = new ArrayList<>();
            for (Row row : rows) {
                claimed.add(new ClaimedDelivery(row.getUUID("id"), claimId, row.getUUID("webhook_id"), row.getUUID("event_id"),
                        row.getInteger("attempts"), row.getOffsetDateTime("retrying_since").toInstant(), row.getString("url"),
                        row.getBuffer("sealed_secret").getBytes(),
                        row.getBuffer("previous_sealed_secret") == null ? null : row.getBuffer("previous_sealed_secret").getBytes(),
                        row.getUUID("found_event") == null ? null : eventBody(row), row.getString("traceparent")));
            }
            return claimed;
        });
    }

    /** The event as {@code GET /v1/events} shows it. */
    private static EventResponse eventBody(Row row) {
        Object payload = row.getValue("payload");
        return new EventResponse(row.getUUID("found_event"), row.getString("type"), row.getOffsetDateTime("occurred_at").toInstant(),
                row.getString("actor"), row.getUUID("tenant_id"), row.getString("request_id"), row.getString("error_code"),
                payload instanceof JsonObject json ? json.getMap() : Map.of());
    }

    /** Deletes up to {@code limit} deliveries that finished before {@code before}, with their attempts. */
    Uni<Integer> purgeFinished(Instant before, int limit) {
        return pool.preparedQuery(PURGE).execute(Tuple.of(utc(before), limit)).map(rows -> rows.rowCount());
    }

    @WithSession
    public Uni<WebhookDelivery> findInWebhook(UUID webhookId, UUID id) {
        return atMostOne(find("id = ?1 and webhookId = ?2", id, webhookId));
    }

    /** One keyset page of a webhook's deliveries, newest first, with one extra row. */
    @WithSession
    public Uni<List<WebhookDelivery>> page(UUID webhookId, PageRequest page) {
        if (page.firstPage()) {
            return find("webhookId = ?1 order by createdAt desc, id desc", webhookId).range(0, page.limit()).list();
        }
        return find("webhookId = :webhookId and (createdAt, id) < (:createdAt, :id) order by createdAt desc, id desc",
                Parameters.with("webhookId", webhookId).and("createdAt", page.afterCreatedAt()).and("id", page.afterId()))
                .range(0, page.limit()).list();
    }

    /** The attempts of these deliveries, in order, by delivery. */
    Uni<Map<UUID, List<DeliveryResponse.Attempt>>> attemptsOf(List<UUID> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(ATTEMPTS).execute(Tuple.of(deliveryIds.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, List<DeliveryResponse.Attempt>> byDelivery = new HashMap<>();
            for (Row row : rows) {
                byDelivery.computeIfAbsent(row.getUUID("delivery_id"), id -> new ArrayList<>()).add(new DeliveryResponse.Attempt(
                        row.getInteger("attempt"), row.getOffsetDateTime("attempted_at").toInstant(), row.getInteger("status_code"),
                        row.getString("error"), row.getInteger("duration_ms")));
            }
            return byDelivery;
        });
    }

    // --- Recording an attempt, inside the caller's transaction ---------------------------------------------------

    /** Ends the claim with the attempt's outcome; false when the claim is no longer {@code claimId}'s. */
    Uni<Boolean> finish(UUID id, UUID claimId, String status, int attempts, Instant nextAttemptAt, Integer statusCode,
            String error, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE webhook_deliveries
                   SET status = ?1, attempts = ?2, next_attempt_at = ?3, last_status_code = ?4, last_error = ?5,
                       claim_id = NULL, lease_until = NULL, updated_at = ?6
                 WHERE id = ?7 AND claim_id = ?8 AND status = 'PENDING'
                """).setParameter(1, status).setParameter(2, attempts).setParameter(3, utc(nextAttemptAt))
                .setParameter(4, statusCode).setParameter(5, error).setParameter(6, utc(now)).setParameter(7, id)
                .setParameter(8, claimId).executeUpdate()).map(count -> count == 1);
    }

    Uni<Void> addAttempt(UUID deliveryId, int attempt, Instant at, Integer statusCode, String error, int durationMs) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO webhook_delivery_attempts (delivery_id, attempt, attempted_at, status_code, error, duration_ms)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                """).setParameter(1, deliveryId).setParameter(2, attempt).setParameter(3, utc(at)).setParameter(4, statusCode)
                .setParameter(5, error).setParameter(6, durationMs).executeUpdate()).replaceWithVoid();
    }

    /** A success ends the webhook's failing streak. */
    Uni<Void> markHealthy(UUID webhookId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "UPDATE webhooks SET failing_since = NULL WHERE id = ?1 AND failing_since IS NOT NULL")
                .setParameter(1, webhookId).executeUpdate()).replaceWithVoid();
    }

    /** A failure starts the webhook's failing streak, unless one is running. */
    Uni<Void> markFailing(UUID webhookId, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "UPDATE webhooks SET failing_since = ?1 WHERE id = ?2 AND failing_since IS NULL")
                .setParameter(1, utc(now)).setParameter(2, webhookId).executeUpdate()).replaceWithVoid();
    }

    /** Disables the webhook if it is enabled and has been failing since {@code before} or earlier; true if it did. */
    Uni<Boolean> disableIfFailingSince(UUID webhookId, Instant before, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "UPDATE webhooks SET enabled = false, updated_at = ?1 WHERE id = ?2 AND enabled AND failing_since <= ?3")
                .setParameter(1, utc(now)).setParameter(2, webhookId).setParameter(3, utc(before)).executeUpdate())
                .map(count -> count == 1);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
