package io.landlord.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.landlord.common.web.RequestSpans;
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
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;

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
    /**
     * Rows from arrays, one element per row. A row of like operations takes its request ids from an array literal
     * ($10) and its START and outcome times from the elements ops_from to ops_to of $11 and $12 (a slice of an array
     * of fixed-width elements costs no walk through the elements before it); other rows have nulls there. $15 is the
     * traceparent of the request whose change the rows record (null for a batch of buffered reads).
     */
    private static final String INSERT_ROWS = """
            INSERT INTO events (id, type, started_at, occurred_at, actor, tenant_id, request_id, error_code, payload,
                                ops_request_id, ops_started_at, ops_occurred_at, traceparent)
            SELECT id, type, started_at, occurred_at, actor, tenant_id, request_id, error_code, coalesce(payload::jsonb, '{}'),
                   ops_request_id::text[], ($11::timestamptz[])[ops_from:ops_to], ($12::timestamptz[])[ops_from:ops_to],
                   $15::text
              FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::uuid[], $7::text[],
                          $8::text[], $9::text[], $10::text[], $13::int[], $14::int[])
                   AS batch (id, type, started_at, occurred_at, actor, tenant_id, request_id, error_code, payload,
                             ops_request_id, ops_from, ops_to)
            """;
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

    /**
     * Appends within the current Hibernate Reactive transaction, on its connection: the events commit or roll back with
     * it. The statement is the batch's own, sent as it is (no native query for Hibernate to parse and flush before).
     */
    public Uni<Void> insertInTransaction(List<NewEvent> events) {
        return Panache.getSession().chain(session -> Uni.createFrom().completionStage(((MutinySessionImpl) session)
                .getReactiveConnection().update(INSERT_ROWS,
                        columns(new LikeOperations.Batch(List.of(), events)).parameters(RequestSpans.currentTraceparent()))))
                .replaceWithVoid();
    }

    /** Appends in a statement of its own (one round trip for the whole batch). */
    public Uni<Void> insert(List<NewEvent> events) {
        return insert(pool, events);
    }

    /** Appends a batch of buffered rows, like operations sharing rows ({@link LikeOperations}), in one statement. */
    Uni<Void> insertBatch(LikeOperations.Batch batch) {
        return insert(pool, batch, null);
    }

    /** Appends through {@code client}: a connection whose transaction holds the change the events describe. */
    public Uni<Void> insert(SqlClient client, List<NewEvent> events) {
        return insert(client, new LikeOperations.Batch(List.of(), events), RequestSpans.currentTraceparent());
    }

    private Uni<Void> insert(SqlClient client, LikeOperations.Batch batch, String traceparent) {
        return client.preparedQuery(INSERT_ROWS).execute(Tuple.from(columns(batch).parameters(traceparent))).replaceWithVoid();
    }

    /** The batch's rows as the parameters of {@link #INSERT_ROWS}. */
    private Columns columns(LikeOperations.Batch batch) {
        List<NewEvent> single = batch.single();
        List<LikeOperations> shared = batch.shared();
        Columns columns = new Columns(single.size() + shared.size(),
                shared.stream().mapToInt(row -> row.requestIds().size()).sum());
        // both lists are in id order: merged, so is the statement's
        int s = 0;
        int o = 0;
        while (s < single.size() || o < shared.size()) {
            if (o == shared.size() || s < single.size() && EventIds.ORDER.compare(single.get(s).id(), shared.get(o).id()) < 0) {
                columns.add(single.get(s++));
            } else {
                columns.add(shared.get(o++));
            }
        }
        return columns;
    }

    /** The parameters of {@link #INSERT_ROWS}. */
    private final class Columns {
        private final UUID[] ids;
        private final String[] types;
        private final OffsetDateTime[] starts;
        private final OffsetDateTime[] times;
        private final String[] actors;
        private final UUID[] tenants;
        private final String[] requests;
        private final String[] errors;
        private final String[] payloads;
        private final String[] opsRequestIds;
        private final Integer[] opsFrom;
        private final Integer[] opsTo;
        private final OffsetDateTime[] opsStarts;
        private final OffsetDateTime[] opsOutcomes;
        private int row;
        private int op;

        Columns(int rows, int operations) {
            ids = new UUID[rows];
            types = new String[rows];
            starts = new OffsetDateTime[rows];
            times = new OffsetDateTime[rows];
            actors = new String[rows];
            tenants = new UUID[rows];
            requests = new String[rows];
            errors = new String[rows];
            payloads = new String[rows];
            opsRequestIds = new String[rows];
            opsFrom = new Integer[rows];
            opsTo = new Integer[rows];
            opsStarts = new OffsetDateTime[operations];
            opsOutcomes = new OffsetDateTime[operations];
        }

        void add(NewEvent event) {
            common(event.id(), event.type(), event.actor(), event.tenantId(), event.errorCode(), event.payload());
            starts[row] = utc(event.startedAt());
            times[row] = utc(event.occurredAt());
            requests[row] = event.requestId();
            row++;
        }

        void add(LikeOperations operations) {
            common(operations.id(), operations.type(), operations.actor(), operations.tenantId(), operations.errorCode(),
                    operations.payload());
            int n = operations.requestIds().size();
            Instant lastOutcome = operations.occurredAt().get(0);
            opsFrom[row] = op + 1; // SQL arrays count from 1
            for (int i = 0; i < n; i++, op++) {
                opsStarts[op] = utc(operations.startedAt().get(i));
                opsOutcomes[op] = utc(operations.occurredAt().get(i));
                lastOutcome = operations.occurredAt().get(i).isAfter(lastOutcome) ? operations.occurredAt().get(i) : lastOutcome;
            }
            opsTo[row] = op;
            opsRequestIds[row] = arrayLiteral(operations.requestIds());
            starts[row] = utc(operations.startedAt().get(0));
            times[row] = utc(lastOutcome);
            row++;
        }

        private void common(UUID id, String type, String actor, UUID tenantId, String errorCode, Map<String, Object> payload) {
            ids[row] = id;
            types[row] = type;
            actors[row] = actor;
            tenants[row] = tenantId;
            errors[row] = errorCode;
            payloads[row] = toJson(payload);
        }

        Object[] parameters(String traceparent) {
            return new Object[] {ids, types, starts, times, actors, tenants, requests, errors, payloads, opsRequestIds,
                    opsStarts, opsOutcomes, opsFrom, opsTo, traceparent};
        }
    }

    /** A PostgreSQL array literal of {@code values}, each quoted. */
    private static String arrayLiteral(List<String> values) {
        StringBuilder literal = new StringBuilder(values.size() * 40).append('{');
        for (String value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            if (value == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
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
