package io.landlord.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The filters of the events list and stream; each becomes a bound parameter, never SQL text. */
public record EventFilter(String type, UUID tenantId, String actor, Instant since, Instant until) {

    void appendConditions(StringBuilder where, List<Object> params) {
        condition(where, params, "type = $", type);
        condition(where, params, "tenant_id = $", tenantId);
        condition(where, params, "actor = $", actor);
        condition(where, params, "occurred_at >= $", since == null ? null : since.atOffset(ZoneOffset.UTC));
        condition(where, params, "occurred_at < $", until == null ? null : until.atOffset(ZoneOffset.UTC));
        // the same bounds on the id, which is drawn from the time: they turn a time window into an index range
        condition(where, params, "id >= $", since == null ? null : EventIds.lowest(since));
        condition(where, params, "id < $", until == null ? null : EventIds.lowest(until));
    }

    private static void condition(StringBuilder where, List<Object> params, String comparison, Object value) {
        if (value != null) {
            params.add(value);
            where.append(" AND ").append(comparison).append(params.size());
        }
    }
}
