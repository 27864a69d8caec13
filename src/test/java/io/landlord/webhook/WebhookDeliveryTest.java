package io.landlord.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestReceiver;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliveries to a real local receiver over HTTP, from events in the real feed. */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Inject
    WebhookWorker worker;

    private String admin;
    private TestReceiver receiver;

    @BeforeEach
    void start() {
        admin = TestTokens.bearer(TestTokens.adminToken());
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void a_receiver_that_fails_twice_gets_exactly_three_signed_attempts_and_the_delivery_succeeds() {
        receiver = TestReceiver.start(n -> n <= 2 ? 500 : 200);
        String type = WebhookFixtures.uniqueType();
        JsonPath webhook = WebhookFixtures.create(admin,
                "{\"url\":\"" + receiver.url("/hook") + "\",\"eventTypes\":[\"" + type + "\"]}");
        String webhookId = webhook.getString("id");
        String secret = webhook.getString("secret");
        try {
            UUID eventId = WebhookFixtures.insertEvent(pool, type, null);

            await().atMost(DEADLINE).until(() -> "SUCCEEDED".equals(WebhookFixtures.deliveries(admin, webhookId).getString("data[0].status")));
            JsonPath deliveries = WebhookFixtures.deliveries(admin, webhookId);
            assertEquals(1, deliveries.getList("data").size());
            assertEquals(eventId.toString(), deliveries.getString("data[0].eventId"));
            assertEquals(List.of(500, 500, 200), deliveries.getList("data[0].attempts.statusCode"));
            assertEquals(List.of(1, 2, 3), deliveries.getList("data[0].attempts.attempt"));

            List<TestReceiver.Received> received = receiver.received();
            assertEquals(3, received.size());
            for (TestReceiver.Received request : received) {
                assertTrue(request.signedWith(secret), "signature must verify with the webhook's secret");
                assertEquals(eventId.toString(), request.header("Landlord-Event-Id"));
                assertTrue(Math.abs(Long.parseLong(request.header("Landlord-Timestamp")) - Instant.now().getEpochSecond()) < 60);
                assertEquals("application/json", request.header("Content-Type"));
                JsonObject event = new JsonObject(request.body());
                assertEquals(eventId.toString(), event.getString("id"));
                assertEquals(type, event.getString("type"));
                assertEquals("test", event.getString("actor"));
                assertEquals(true, event.getJsonObject("payload").getBoolean("test"));
            }
            assertTrue(!received.get(0).signedWith(secret + "x"));
        } finally {
            WebhookFixtures.delete(admin, webhookId);
        }
    }

    @Test
    void an_operations_start_and_outcome_stored_in_one_row_are_delivered_as_the_two_events_the_api_lists() {
        receiver = TestReceiver.start(n -> 200);
        String tenantId = TestTenants.create(admin).getString("id");
        JsonPath webhook = WebhookFixtures.create(admin, "{\"url\":\"" + receiver.url("/hook") + "\",\"tenantId\":\"" + tenantId
                + "\",\"eventTypes\":[\"TENANT_RETRIEVE_START\",\"TENANT_RETRIEVE_SUCCESS\"]}");
        String webhookId = webhook.getString("id");
        try {
            given().header("Authorization", admin).get("/v1/tenants/" + tenantId).then().statusCode(200);

            await().atMost(DEADLINE).until(() -> receiver.received().size() >= 2);
            JsonPath listed = given().header("Authorization", admin).queryParam("tenantId", tenantId)
                    .queryParam("type", "TENANT_RETRIEVE_START").get("/v1/events").then().statusCode(200).extract().jsonPath();
            JsonObject start = new JsonObject(listed.getMap("data[0]"));
            JsonObject success = new JsonObject(given().header("Authorization", admin).queryParam("tenantId", tenantId)
                    .queryParam("type", "TENANT_RETRIEVE_SUCCESS").get("/v1/events").then().statusCode(200).extract().jsonPath()
                    .getMap("data[0]"));

            List<TestReceiver.Received> received = receiver.received();
            assertEquals(2, received.size());
            for (TestReceiver.Received request : received) {
                assertTrue(request.signedWith(webhook.getString("secret")));
                JsonObject event = new JsonObject(request.body());
                assertEquals(event.getString("id"), request.header("Landlord-Event-Id"));
                assertEquals(event.getString("type").endsWith("_START") ? start : success, event);
            }
            assertEquals(Set.of(start.getString("id"), success.getString("id")),
                    received.stream().map(r -> r.header("Landlord-Event-Id")).collect(Collectors.toSet()));
        } finally {
            WebhookFixtures.delete(admin, webhookId);
        }
    }

    @Test
    void event_types_and_the_tenant_filter_select_what_each_webhook_receives() {
        receiver = TestReceiver.start(n -> 204);
        String typeA = WebhookFixtures.uniqueType();
        String typeB = WebhookFixtures.uniqueType();
        UUID tenant = UUID.fromString(TestTenants.create(admin).getString("id"));
        UUID otherTenant = UUID.fromString(TestTenants.create(admin).getString("id"));
        String byType = WebhookFixtures.create(admin, "{\"url\":\"" + receiver.url("/by-type") + "\",\"eventTypes\":[\"" + typeA + "\"]}")
                .getString("id");
        String byTenant = WebhookFixtures.create(admin, "{\"url\":\"" + receiver.url("/by-tenant") + "\",\"eventTypes\":[\"" + typeA
                + "\",\"" + typeB + "\"],\"tenantId\":\"" + tenant + "\"}").getString("id");
        try {
            UUID typeANoTenant = WebhookFixtures.insertEvent(pool, typeA, null);
            UUID typeBTenant = WebhookFixtures.insertEvent(pool, typeB, tenant);
            WebhookFixtures.insertEvent(pool, typeB, otherTenant);
            WebhookFixtures.insertEvent(pool, typeA.replace("TEST_", "TEST_X"), tenant);
            UUID typeATenant = WebhookFixtures.insertEvent(pool, typeA, tenant); // last: its delivery means all were dispatched

            await().atMost(DEADLINE).until(() -> eventIds("/by-type").contains(typeATenant.toString())
                    && eventIds("/by-tenant").contains(typeATenant.toString()));
            await().atMost(DEADLINE).until(() -> eventIds("/by-type").size() == 2 && eventIds("/by-tenant").size() == 2);
            assertEquals(Set.of(typeANoTenant.toString(), typeATenant.toString()), eventIds("/by-type"));
            assertEquals(Set.of(typeBTenant.toString(), typeATenant.toString()), eventIds("/by-tenant"));
            assertEquals(2, WebhookFixtures.deliveries(admin, byType).getList("data").size());
            assertEquals(2, WebhookFixtures.deliveries(admin, byTenant).getList("data").size());
        } finally {
            WebhookFixtures.delete(admin, byType);
            WebhookFixtures.delete(admin, byTenant);
        }
    }

    @Test
    void a_delivery_is_sent_again_when_redelivered() {
        receiver = TestReceiver.start(n -> 200);
        String type = WebhookFixtures.uniqueType();
        JsonPath webhook = WebhookFixtures.create(admin, "{\"url\":\"" + receiver.url("/hook") + "\",\"eventTypes\":[\"" + type + "\"]}");
        String webhookId = webhook.getString("id");
        try {
            UUID eventId = WebhookFixtures.insertEvent(pool, type, null);
            await().atMost(DEADLINE).until(() -> "SUCCEEDED".equals(WebhookFixtures.deliveries(admin, webhookId).getString("data[0].status")));
            String deliveryId = WebhookFixtures.deliveries(admin, webhookId).getString("data[0].id");

            given().urlEncodingEnabled(false).header("Authorization", admin)
                    .when().post("/v1/webhooks/" + webhookId + "/deliveries/" + deliveryId + ":redeliver")
                    .then().statusCode(202).body("id", equalTo(deliveryId)).body("status", equalTo("PENDING"));

            await().atMost(DEADLINE).until(() -> receiver.received().size() == 2);
            await().atMost(DEADLINE).until(() -> "SUCCEEDED".equals(WebhookFixtures.deliveries(admin, webhookId).getString("data[0].status")));
            List<TestReceiver.Received> received = receiver.received();
            assertEquals(eventId.toString(), received.get(1).header("Landlord-Event-Id"));
            assertTrue(received.get(1).signedWith(webhook.getString("secret")));
            assertEquals(List.of(1, 2), WebhookFixtures.deliveries(admin, webhookId).getList("data[0].attempts.attempt"));
        } finally {
            WebhookFixtures.delete(admin, webhookId);
        }
    }

    @Test
    void an_api_operations_event_is_delivered_as_the_events_api_shows_it() {
        receiver = TestReceiver.start(n -> 200);
        String tenantId = TestTenants.create(admin).getString("id");
        String webhookId = WebhookFixtures.create(admin, "{\"url\":\"" + receiver.url("/hook")
                + "\",\"eventTypes\":[\"TENANT_UPDATE_SUCCESS\"],\"tenantId\":\"" + tenantId + "\"}").getString("id");
        try {
            given().header("Authorization", admin).contentType("application/merge-patch+json").body("{\"tag\":\"hooked\"}")
                    .when().patch("/v1/tenants/" + tenantId).then().statusCode(200);
            await().atMost(DEADLINE).until(() -> receiver.received().size() == 1);
            JsonObject delivered = new JsonObject(receiver.received().get(0).body());
            JsonObject listed = new JsonObject(given().header("Authorization", admin).queryParam("type", "TENANT_UPDATE_SUCCESS")
                    .queryParam("tenantId", tenantId).when().get("/v1/events").then().statusCode(200).extract().asString())
                    .getJsonArray("data").getJsonObject(0);
            assertEquals(listed, delivered);
            assertEquals(tenantId, delivered.getString("tenantId"));
        } finally {
            WebhookFixtures.delete(admin, webhookId);
        }
    }

    @Test
    void a_disabled_webhook_receives_nothing_until_enabled_again() {
        receiver = TestReceiver.start(n -> 200);
        String type = WebhookFixtures.uniqueType();
        String webhookId = WebhookFixtures.create(admin,
                "{\"url\":\"" + receiver.url("/hook") + "\",\"eventTypes\":[\"" + type + "\"],\"enabled\":false}").getString("id");
        try {
            UUID first = WebhookFixtures.insertEvent(pool, type, null);
            await().atMost(DEADLINE).until(() -> WebhookFixtures.dispatched(pool, first));
            given().header("Authorization", admin).contentType("application/merge-patch+json").body("{\"enabled\":true}")
                    .when().patch("/v1/webhooks/" + webhookId).then().statusCode(200);
            UUID second = WebhookFixtures.insertEvent(pool, type, null);
            await().atMost(DEADLINE).until(() -> receiver.received().size() == 1);
            assertEquals(second.toString(), receiver.received().get(0).header("Landlord-Event-Id"));
        } finally {
            WebhookFixtures.delete(admin, webhookId);
        }
    }

    @Test
    void finished_deliveries_past_the_events_retention_are_deleted_with_their_attempts() {
        String webhookId = WebhookFixtures.create(admin, "{\"url\":\"http://127.0.0.1:9/\",\"eventTypes\":[\""
                + WebhookFixtures.uniqueType() + "\"],\"enabled\":false}").getString("id");
        try {
            UUID oldFailed = delivery(webhookId, "FAILED", 91);
            UUID oldPending = delivery(webhookId, "PENDING", 91);
            UUID recentSucceeded = delivery(webhookId, "SUCCEEDED", 89);
            pool.preparedQuery("INSERT INTO webhook_delivery_attempts (delivery_id, attempt, attempted_at, status_code, duration_ms)"
                    + " VALUES ($1, 1, now(), 500, 5)").execute(io.vertx.mutiny.sqlclient.Tuple.of(oldFailed)).await().indefinitely();

            assertTrue(worker.purgeFinished().await().indefinitely() >= 1);

            Set<String> left = WebhookFixtures.deliveries(admin, webhookId).getList("data.id", String.class).stream().collect(Collectors.toSet());
            assertEquals(Set.of(oldPending.toString(), recentSucceeded.toString()), left);
            assertEquals(0L, pool.preparedQuery("SELECT count(*) FROM webhook_delivery_attempts WHERE delivery_id = $1")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(oldFailed)).await().indefinitely().iterator().next().getLong(0));
        } finally {
            WebhookFixtures.delete(admin, webhookId);
        }
    }

    private UUID delivery(String webhookId, String status, int daysAgo) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO webhook_deliveries (id, webhook_id, event_id, status, next_attempt_at, retrying_since,"
                + " created_at, updated_at) VALUES ($1, $2, $3, $4, now(), now(), now() - make_interval(days => $5),"
                + " now() - make_interval(days => $5))")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, UUID.fromString(webhookId), UUID.randomUUID(), status, daysAgo))
                .await().indefinitely();
        return id;
    }

    private Set<String> eventIds(String path) {
        return receiver.received(path).stream().map(r -> r.header("Landlord-Event-Id")).collect(Collectors.toSet());
    }

    @Test
    void dispatching_seeks_the_feed_index_past_its_cursor_rather_than_reading_every_event() {
        // On the few rows a test database holds, a sequential scan is cheaper and the planner may take it; with that
        // ruled out the plan shows whether the cursor comparison can bound an index range at all (as a join filter,
        // which read the whole table in production, it could not).
        String plan = pool.withTransaction(connection -> connection.query("SET LOCAL enable_seqscan = off").execute()
                        .chain(() -> connection.preparedQuery("EXPLAIN " + DeliveryRepository.DISPATCH.replace("$1", "500")).execute()))
                .await().indefinitely().stream().map(row -> row.getString(0)).reduce("", (a, b) -> a + b + "\n");
        assertTrue(plan.matches("(?s).*Index Cond: \\(\\(ROW\\(tx, \"?position\"?\\) > ROW\\(.*"), plan);
    }
}
