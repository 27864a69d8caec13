package io.landlord.event;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Requests that carry a fresh X-Request-Id, and the events each of them left in the trail. */
final class RecordedCalls {

    /** A request about to be sent; the test finds the events it caused by its request id. */
    record Call(String requestId, RequestSpecification spec) {
    }

    private final Pool pool;
    private final EventBuffer buffer;

    RecordedCalls(Pool pool, EventBuffer buffer) {
        this.pool = pool;
        this.buffer = buffer;
    }

    /** A request with {@code bearer} as its Authorization header, or none when null. */
    Call call(String bearer) {
        String requestId = "evt-" + UUID.randomUUID();
        RequestSpecification spec = given().header("X-Request-Id", requestId).urlEncodingEnabled(false);
        if (bearer != null) {
            spec = spec.header("Authorization", bearer);
        }
        return new Call(requestId, spec);
    }

    /** The request's events, oldest first, once the buffered ones are written. */
    List<Row> eventsOf(String requestId) {
        buffer.drain().await().indefinitely();
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT type, actor, tenant_id, error_code, payload, request_id FROM event_log WHERE request_id = $1"
                        + " ORDER BY occurred_at, position, part")
                .execute(Tuple.of(requestId)).await().indefinitely().forEach(rows::add);
        return rows;
    }

    List<String> typesOf(String requestId) {
        return eventsOf(requestId).stream().map(row -> row.getString("type")).toList();
    }
}
