package io.landlord.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestReceiver;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rotating a webhook's signing secret, seen by a real local receiver. */
@QuarkusTest
class WebhookSecretRotationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    private String admin;
    private TestReceiver receiver;

    @BeforeEach
    void token() {
        admin = TestTokens.bearer(TestTokens.adminToken());
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private JsonPath rotate(String webhookId, String body, int status) {
        return rotateAs(admin, webhookId, body).statusCode(status).extract().jsonPath();
    }

    /** POST …:rotate-secret with {@code bearer} (none if null). */
    private ValidatableResponse rotateAs(String bearer, String webhookId, String body) {
        RequestSpecification request = given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(body);
        if (bearer != null) {
            request = request.header("Authorization", bearer);
        }
        return request.when().post("/v1/webhooks/" + webhookId + ":rotate-secret").then();
    }

    @Test
    void a_new_secret_signs_at_once_and_the_previous_one_beside_it_until_it_is_rotated_out() {
        receiver = TestReceiver.start(n -> 200);
        String type = WebhookFixtures.uniqueType();
        JsonPath webhook = WebhookFixtures.create(admin, "{\"url\":\"" + receiver.url("/hook") + "\",\"eventTypes\":[\"" + type + "\"]}");
        String id = webhook.getString("id");
        String first = webhook.getString("secret");
        try {
            Instant before = Instant.now();
            JsonPath rotated = rotate(id, "{}", 200);
            String second = rotated.getString("secret");
            assertTrue(second.startsWith("whsec_"));
            assertNotEquals(first, second);
            Instant expires = Instant.parse(rotated.getString("previousSecretExpiresAt"));
            assertTrue(!expires.isBefore(before.plus(Duration.ofHours(24))) && expires.isBefore(Instant.now().plus(Duration.ofHours(24)).plusSeconds(1)),
                    "the previous secret signs for 24 hours by default: " + expires);
            given().header("Authorization", admin).when().get("/v1/webhooks/" + id).then().statusCode(200)
                    .body("secret", nullValue())
                    .body("previousSecretExpiresAt", equalTo(rotated.getString("previousSecretExpiresAt")));

            WebhookFixtures.insertEvent(pool, type, null);
            await().atMost(DEADLINE).until(() -> receiver.received().size() == 1);
            TestReceiver.Received during = receiver.received().get(0);
            assertEquals(2, during.signatures().size(), during.header("Landlord-Signature"));
            assertTrue(during.signedWith(second), "signed with the new secret");
            assertTrue(during.signedWith(first), "and, during the overlap, with the previous one");

            JsonPath third = rotate(id, "{\"previousSecretExpiresInSeconds\":0}", 200);
            given().header("Authorization", admin).when().get("/v1/webhooks/" + id).then().statusCode(200)
                    .body("previousSecretExpiresAt", nullValue());
            WebhookFixtures.insertEvent(pool, type, null);
            await().atMost(DEADLINE).until(() -> receiver.received().size() == 2);
            TestReceiver.Received after = receiver.received().get(1);
            assertEquals(1, after.signatures().size(), after.header("Landlord-Signature"));
            assertTrue(after.signedWith(third.getString("secret")));
            assertFalse(after.signedWith(second), "rotated out at once");
            assertFalse(after.signedWith(first));
        } finally {
            WebhookFixtures.delete(admin, id);
        }
    }

    @Test
    void rotating_needs_a_token_the_write_permission_a_known_webhook_and_an_overlap_of_at_most_seven_days() {
        String id = WebhookFixtures.create(admin, "{\"url\":\"https://hooks.example.com/x\"}").getString("id");
        try {
            rotateAs(null, id, "{}").statusCode(401);
            JsonPath viewer = given().header("Authorization", admin).contentType(ContentType.JSON)
                    .body("{\"name\":\"rotation viewer\",\"roles\":[\"platform-viewer\"]}")
                    .when().post("/v1/management/clients").then().statusCode(201).extract().jsonPath();
            String viewerBearer = TestTokens.bearer(TestTokens.token(viewer.getString("clientId"), viewer.getString("clientSecret")));
            rotateAs(viewerBearer, id, "{}").statusCode(403);
            String tenantAdmin = TestTenants.adminBearerOf(TestTenants.create(admin));
            rotateAs(tenantAdmin, id, "{}").statusCode(403);

            rotate(UUID.randomUUID().toString(), "{}", 404);
            for (String overlap : List.of("-1", "604801")) {
                rotateAs(admin, id, "{\"previousSecretExpiresInSeconds\":" + overlap + "}")
                        .statusCode(400).body("details.param", hasItem("previousSecretExpiresInSeconds"));
            }
            rotate(id, "{\"previousSecretExpiresInSeconds\":\"soon\"}", 400);
            assertNotEquals(null, rotate(id, "{\"previousSecretExpiresInSeconds\":604800}", 200).getString("previousSecretExpiresAt"));
        } finally {
            WebhookFixtures.delete(admin, id);
        }
    }

    @Test
    void a_rotation_records_its_start_and_success_with_the_webhook_id_and_never_a_secret() {
        String id = WebhookFixtures.create(admin, "{\"url\":\"https://hooks.example.com/x\"}").getString("id");
        try {
            String requestId = "rot-" + UUID.randomUUID();
            String secret = given().urlEncodingEnabled(false).header("Authorization", admin).header("X-Request-Id", requestId).contentType(ContentType.JSON).body("{}")
                    .when().post("/v1/webhooks/" + id + ":rotate-secret").then().statusCode(200)
                    .body("secret", startsWith("whsec_")).extract().path("secret");

            List<io.vertx.mutiny.sqlclient.Row> events = pool.preparedQuery(
                    "SELECT type, payload::text AS payload FROM event_log WHERE request_id = $1 ORDER BY occurred_at, position, part")
                    .execute(Tuple.of(requestId)).await().indefinitely().stream().toList();
            assertEquals(List.of("WEBHOOK_SECRET_ROTATE_START", "WEBHOOK_SECRET_ROTATE_SUCCESS"), events.stream().map(r -> r.getString("type")).toList());
            for (var event : events) {
                assertTrue(event.getString("payload").contains(id));
                assertFalse(event.getString("payload").contains(secret));
            }
        } finally {
            WebhookFixtures.delete(admin, id);
        }
    }
}
