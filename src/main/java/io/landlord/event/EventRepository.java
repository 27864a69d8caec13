package io.landlord.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The events table: appends (inside a change's transaction, or batched), the newest-first list, the feed. */
@ApplicationScoped
public class EventRepository {

    /** A row's events as the API shows them, with their feed positions. */
    private static final String EVENT_COLUMNS = """
            p.id, e.tx::text AS tx, e.position, p.part, p.type, p.occurred_at, e.actor, e.tenant_id, p.request_id,
            p.error_code, p.payload""";
    /** A row's events: V14__events_like_operations_share_a_row.sql. */
    private static final String PARTS = """
            event_parts(e.id, e.type, e.started_at, e.occurred_at, e.error_code, e.payload, e.request_id,
                        e.ops_request_id, e.ops_started_at, e.ops_occurred_at) p""";
    private static final String INSERT_BATCH = """
            INSERT INTO events (id, type, started_at, occurred_at, actor, tenant_id, request_id, error_code, payload)
            SELECT id, type, started_at, occurred_at, actor, tenant_id, request_id, error_code, coalesce(payload::jsonb, '{}')
              FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::uuid[], $7::text[],
                          $8::text[], $9::text[])
                   AS batch (id, type, started_at, occurred_at, actor, tenant_id, request_id, error_code, payload)
            """;
    /** A row of like operations ({@link LikeOperations}): its arrays hold each one's request id, START and outcome time. */
    private static final String INSERT_LIKE_OPERATIONS = """
            INSERT INTO events (id, type, started_at, occurred_at, actor, tenant_id, error_code, payload,
                                ops_request_id, ops_started_at, ops_occurred_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8::text::jsonb, '{}'), $9, $10, $11)
            """;
    private static final String INSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, coalesce(cast(cast(? as text) as jsonb), '{}'))";
    /**
     * $1 = how many rows, $2 = how many events; filters and the page's start after. The rows come newest first by id,
     * an index range; their events are then ordered by their own ids, an operation's START right below its outcome.
     */
    private static final String NEWEST = """
            SELECT %1$s FROM (SELECT * FROM events e WHERE TRUE %2$s ORDER BY e.id DESC LIMIT $1) e
             CROSS JOIN LATERAL %3$s
             WHERE TRUE %4$s
             ORDER BY p.id DESC LIMIT $2
            """;
    /**
     * Only events whose writing transactions have all ended: none can appear behind a reader's position later. The
     * frontier comes with them from the same snapshot (a row of nulls stands for "no events"), so a reader needs one
     * round trip per look. $1, $2, $3 = the position read up to, $4 = how many events; filters after.
     */
    private static final String FEED = """
            SELECT frontier.xmin::text AS frontier, batch.* FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin) frontier
              LEFT JOIN LATERAL (
                SELECT %1$s FROM events e CROSS JOIN LATERAL %2$s
                 WHERE (e.tx, e.position) >= ($1::text::xid8, $2) AND (e.tx, e.position, p.part) > ($1::text::xid8, $2, $3::smallint)
                   AND e.tx < frontier.xmin %3$s %4$s
                 ORDER BY e.tx, e.position, p.part LIMIT $4) batch ON TRUE
            """;
    private static final String FRONTIER = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text";
    /** Rows whose (first) event is older than the cutoff: an id range of the primary key ({@link EventIds}). */
    private static final String PURGE = """
            DELETE FROM events WHERE id IN (SELECT id FROM events WHERE id < $1 ORDER BY id LIMIT $2)
            """;

    private final Pool pool;
    private final ObjectMapper json;

    public EventRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Appends within the current Hibernate Reactive transaction: the events commit or roll back with it. */
    public Uni<Void> insertInTransaction(List<NewEvent> events) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO events (id, type, started_at, occurred_at, actor, tenant_id, request_id, error_code, payload) VALUES ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(INSERT_ROW);
        }
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            int p = 1;
            for (NewEvent event : events) {
                query.setParameter(p++, event.id());
                query.setParameter(p++, event.type());
                query.setParameter(p++, utc(event.startedAt()));
                query.setParameter(p++, utc(event.occurredAt()));
                query.setParameter(p++, event.actor());
                query.setParameter(p++, event.tenantId());
                query.setParameter(p++, event.requestId());
                query.setParameter(p++, event.errorCode());
                query.setParameter(p++, toJson(event.payload()));
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /** Appends in a statement of its own (one round trip for the whole batch). */
    public Uni<Void> insert(List<NewEvent> events) {
        return insert(pool, events);
    }

    /** Appends a batch of buffered rows, like operations sharing rows ({@link LikeOperations}), in one transaction. */
    public Uni<Void> insertBatch(List<NewEvent> rows) {
        LikeOperations.Batch batch = LikeOperations.of(rows);
        if (batch.shared().isEmpty()) {
            return insert(pool, batch.single());
        }
        return pool.withTransaction(connection -> insertLikeOperations(connection, batch.shared())
                .chain(() -> batch.single().isEmpty() ? Uni.createFrom().voidItem() : insert(connection, batch.single())));
    }

    // one statement per row, pipelined in one round trip: each carries its own arrays
    private Uni<Void> insertLikeOperations(SqlClient client, List<LikeOperations> rows) {
        List<Tuple> tuples = new ArrayList<>(rows.size());
        for (LikeOperations row : rows) {
            int n = row.requestIds().size();
            OffsetDateTime[] starts = new OffsetDateTime[n];
            OffsetDateTime[] outcomes = new OffsetDateTime[n];
            Instant lastOutcome = row.occurredAt().get(0);
            for (int i = 0; i < n; i++) {
                starts[i] = utc(row.startedAt().get(i));
                outcomes[i] = utc(row.occurredAt().get(i));
                lastOutcome = row.occurredAt().get(i).isAfter(lastOutcome) ? row.occurredAt().get(i) : lastOutcome;
            }
            tuples.add(Tuple.tuple(List.of(row.id(), row.type(), starts[0], utc(lastOutcome))).addValue(row.actor())
                    .addValue(row.tenantId()).addValue(row.errorCode()).addValue(toJson(row.payload()))
                    .addArrayOfString(row.requestIds().toArray(String[]::new)).addArrayOfOffsetDateTime(starts)
                    .addArrayOfOffsetDateTime(outcomes));
        }
        return client.preparedQuery(INSERT_LIKE_OPERATIONS).executeBatch(tuples).replaceWithVoid();
    }

    /** Appends through {@code client}: a connection whose transaction holds the change the events describe. */
    public Uni<Void> insert(SqlClient client, List<NewEvent> events) {
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[] actors = new String[n];
        UUID[] tenants = new UUID[n];
        String[] requests = new String[n];
        String[] errors = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            NewEvent event = events.get(i);
            ids[i] = event.id();
            types[i] = event.type();
            starts[i] = utc(event.startedAt());
            times[i] = utc(event.occurredAt());
            actors[i] = event.actor();
            tenants[i] = event.tenantId();
            requests[i] = event.requestId();
            errors[i] = event.errorCode();
            payloads[i] = toJson(event.payload());
        }
        return client.preparedQuery(INSERT_BATCH)
                .execute(Tuple.tuple(List.of(ids, types, starts, times, actors, tenants, requests, errors, payloads)))
                .replaceWithVoid();
    }

    /**
     * A page of the newest-first list: filters are bound parameters, the order is the id's, which is the time's
     * ({@link EventIds}).
     */
    public Uni<List<Event>> newest(EventFilter filter, UUID beforeId, int limit) {
        // the row holding the last event shown may hold one more below it (its START): one row more than events
        List<Object> params = new ArrayList<>(List.of(limit + 1, limit));
        StringBuilder rowWhere = new StringBuilder();
        StringBuilder eventWhere = new StringBuilder();
        filter.appendConditions(rowWhere, eventWhere, params);
        if (beforeId != null) {
            params.add(beforeId);
            rowWhere.append(" AND e.id <= $").append(params.size());
            eventWhere.append(" AND p.id < $").append(params.size());
        }
        return pool.preparedQuery(NEWEST.formatted(EVENT_COLUMNS, rowWhere, PARTS, eventWhere))
                .execute(Tuple.from(params)).map(EventRepository::events);
    }

    /** The next finished events after a feed position, in feed order, and the frontier they were read below. */
    public Uni<FeedBatch> after(FeedPosition position, EventFilter filter, int limit) {
        List<Object> params = new ArrayList<>(List.of(position.tx(), position.position(), position.part(), limit));
        StringBuilder rowWhere = new StringBuilder();
        StringBuilder eventWhere = new StringBuilder();
        filter.appendConditions(rowWhere, eventWhere, params);
        return pool.preparedQuery(FEED.formatted(EVENT_COLUMNS, PARTS, rowWhere, eventWhere)).execute(Tuple.from(params)).map(rows -> {
            Row first = rows.iterator().next();
            FeedPosition frontier = FeedPosition.before(first.getString("frontier"));
            return new FeedBatch(first.getUUID("id") == null ? List.of() : events(rows), frontier, limit);
        });
    }

    /** The feed position before every event whose transaction is still running or yet to start. */
    public Uni<FeedPosition> frontier() {
        return pool.query(FRONTIER).execute().map(rows -> FeedPosition.before(rows.iterator().next().getString(0)));
    }

    /** Deletes up to {@code batch} events older than {@code cutoff}; returns how many went. */
    public Uni<Integer> purge(Instant cutoff, int batch) {
        return pool.preparedQuery(PURGE).execute(Tuple.of(EventIds.lowest(cutoff), batch)).map(rows -> rows.rowCount());
    }

    private static List<Event> events(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Event> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            events.add(new Event(row.getUUID("id"), new FeedPosition(row.getString("tx"), row.getLong("position"), row.getShort("part")),
                    row.getString("type"), row.getOffsetDateTime("occurred_at").toInstant(), row.getString("actor"),
                    row.getUUID("tenant_id"), row.getString("request_id"), row.getString("error_code"),
                    row.getJsonObject("payload").getMap()));
        }
        return events;
    }

    private static OffsetDateTime utc(Instant time) {
        return time == null ? null : time.atOffset(ZoneOffset.UTC);
    }

    private String toJson(Map<String, Object> payload) {
        if (payload.isEmpty()) {
            return null; // most read events: no serialiser, and the database parses no JSON (it stores '{}')
        }
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serialisable", e);
        }
    }
}
