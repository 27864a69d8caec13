package io.landlord.webhook;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Locale;
import java.util.UUID;

/** Webhooks made through the API and events written straight into the feed, each with unique names. */
final class WebhookFixtures {

    private WebhookFixtures() {
    }

    /** An event type no other test uses, so a webhook filtered on it sees only this test's events. */
    static String uniqueType() {
        return "TEST_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
    }

    static JsonPath create(String bearer, String body) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(body)
                .when().post("/v1/webhooks")
                .then().statusCode(201).extract().jsonPath();
    }

    static void delete(String bearer, String id) {
        given().header("Authorization", bearer).when().delete("/v1/webhooks/" + id);
    }

    /** Appends an event to the feed in a transaction of its own, as a recorded API operation would. */
    static UUID insertEvent(Pool pool, String type, UUID tenantId) {
        return pool.preparedQuery("INSERT INTO events (id, type, occurred_at, actor, tenant_id, payload)"
                + " VALUES (event_id(now()), $1, now(), 'test', $2, jsonb_build_object('test', true)) RETURNING id")
                .execute(Tuple.of(type, tenantId)).await().indefinitely().iterator().next().getUUID("id");
    }

    /** Whether the dispatcher has moved past the event: it will never queue deliveries of it any more. */
    static boolean dispatched(Pool pool, UUID eventId) {
        return pool.preparedQuery("SELECT (e.tx, e.position) <= (c.tx, c.position) FROM events e, webhook_dispatch_cursor c"
                + " WHERE e.id = $1").execute(Tuple.of(eventId)).await().indefinitely().iterator().next().getBoolean(0);
    }

    static JsonPath deliveries(String bearer, String webhookId) {
        return given().header("Authorization", bearer).when().get("/v1/webhooks/" + webhookId + "/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }
}
