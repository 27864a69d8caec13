package io.landlord.common.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;

/** Lookups by a unique key. */
public final class Lookups {

    private Lookups() {
    }

    /**
     * The one row of a query by a unique key, or null. Not firstResult(): its OFFSET/FETCH parameters keep
     * PostgreSQL planning the prepared statement at every call (a generic plan never wins against them), and that
     * planning was half of the database's CPU per GET /v1/tenants/{id}; without them each pooled connection
     * switches to a generic plan after five calls. Only for queries that match at most one row.
     */
    public static <T> Uni<T> atMostOne(PanacheQuery<T> query) {
        return query.list().map(found -> found.isEmpty() ? null : found.get(0));
    }
}
