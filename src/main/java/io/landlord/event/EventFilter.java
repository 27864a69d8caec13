package io.landlord.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The filters of the events list and stream; each becomes a bound parameter, never SQL text. */
public record EventFilter(String type, UUID tenantId, String actor, Instant since, Instant until) {

    /** Every event. */
    static final EventFilter NONE = new EventFilter(null, null, null, null, null);

    /** Whether {@code event} passes: what {@link #appendConditions} asks of the database, checked in memory. */
    boolean matches(Event event) {
        return (type == null || type.equals(event.type()))
                && (tenantId == null || tenantId.equals(event.tenantId()))
                && (actor == null || actor.equals(event.actor()))
                && (since == null || !event.occurredAt().isBefore(since))
                && (until == null || event.occurredAt().isBefore(until));
    }

    /**
     * Appends the filter twice over: to {@code rowWhere}, conditions on the rows ({@code e}) that every row holding a
     * matching event meets and that an index can serve; to {@code eventWhere}, the exact conditions on each of a
     * row's events ({@code p}, from {@code event_parts}). A row that meets the first has at least one event that
     * meets the second.
     */
    void appendConditions(StringBuilder rowWhere, StringBuilder eventWhere, List<Object> params) {
        if (type != null) {
            int p = bind(params, type);
            // one index range holds the operation's START, SUCCESS and FAIL events, stored together or not
            rowWhere.append(" AND event_operation(e.type) = event_operation($").append(p).append("::text)");
            eventWhere.append(" AND p.type = $").append(p);
        }
        if (tenantId != null) {
            rowWhere.append(" AND e.tenant_id = $").append(bind(params, tenantId));
        }
        if (actor != null) {
            rowWhere.append(" AND e.actor = $").append(bind(params, actor));
        }
        if (since != null) {
            int p = bind(params, since.atOffset(ZoneOffset.UTC));
            // a row's outcome is its latest event, and its id is drawn from its earliest (the START, at most
            // LONGEST_ONE_ROW_OPERATION before): the time bound is also an id range, an index range
            rowWhere.append(" AND e.occurred_at >= $").append(p)
                    .append(" AND e.id >= $").append(bind(params, EventIds.lowest(since.minus(NewEvent.LONGEST_ONE_ROW_OPERATION))));
            eventWhere.append(" AND p.occurred_at >= $").append(p);
        }
        if (until != null) {
            int p = bind(params, until.atOffset(ZoneOffset.UTC));
            rowWhere.append(" AND coalesce(e.started_at, e.occurred_at) < $").append(p)
                    .append(" AND e.id < $").append(bind(params, EventIds.lowest(until)));
            eventWhere.append(" AND p.occurred_at < $").append(p);
        }
    }

    private static int bind(List<Object> params, Object value) {
        params.add(value);
        return params.size();
    }
}
