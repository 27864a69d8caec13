package io.landlord.packaged;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.EmbeddedDatabase;
import io.landlord.support.PackagedInstance;
import io.landlord.support.TestReceiver;
import io.landlord.support.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhook deliveries survive the application going away: the queue is in PostgreSQL, claims are leases. */
class WebhookRecoveryIT {

    private static EmbeddedDatabase database;
    private static Map<String, String> env;

    @BeforeAll
    static void startDatabase() {
        database = EmbeddedDatabase.start();
        env = new HashMap<>(database.productionEnvironment("http://localhost:1"));
        env.put("LANDLORD_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
        env.put("LANDLORD_WEBHOOKS_BACKOFF_BASE", "PT0.2S");
        env.put("LANDLORD_WEBHOOKS_BACKOFF_CAP", "PT1S");
        env.put("LANDLORD_WEBHOOKS_POLL_INTERVAL", "PT0.2S");
        env.put("LANDLORD_WEBHOOKS_TIMEOUT", "PT2S");
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    private static Connection sql() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + database.port() + "/postgres", "postgres", "postgres");
    }

    private static UUID insertEvent(String type) throws SQLException {
        try (Connection c = sql(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO events (id, type, occurred_at, payload) VALUES (event_id(now()), ?, now(), '{}') RETURNING id")) {
            s.setString(1, type);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getObject(1, UUID.class);
            }
        }
    }

    private static String statusOf(UUID eventId) throws SQLException {
        try (Connection c = sql(); PreparedStatement s = c.prepareStatement("SELECT status FROM webhook_deliveries WHERE event_id = ?")) {
            s.setObject(1, eventId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static boolean claimed(UUID eventId) throws SQLException {
        try (Connection c = sql(); PreparedStatement s = c.prepareStatement(
                "SELECT claim_id IS NOT NULL AND lease_until > now() FROM webhook_deliveries WHERE event_id = ?")) {
            s.setObject(1, eventId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    private static String token(PackagedInstance instance) {
        return given().baseUri(instance.baseUrl()).contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + TestTokens.ADMIN_CLIENT_ID
                        + "\",\"client_secret\":\"" + TestTokens.ADMIN_CLIENT_SECRET + "\"}")
                .when().post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }

    @Test
    void deliveries_being_retried_when_the_application_stops_arrive_after_it_starts_again() throws Exception {
        String type = "RECOVERY_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        // two failures, then the receiver hangs: the instance is stopped while it holds the delivery's claim
        try (TestReceiver receiver = TestReceiver.start(n -> n <= 2 ? 503 : 0)) {
            String secret;
            UUID retried;
            try (PackagedInstance first = PackagedInstance.start(env)) {
                JsonPath webhook = given().baseUri(first.baseUrl()).header("Authorization", "Bearer " + token(first))
                        .contentType(ContentType.JSON)
                        .body("{\"url\":\"" + receiver.url("/hook") + "\",\"eventTypes\":[\"" + type + "\"]}")
                        .when().post("/v1/webhooks").then().statusCode(201).extract().jsonPath();
                secret = webhook.getString("secret");
                retried = insertEvent(type);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() >= 3);
                first.kill(); // a crash in the middle of the retries, with an attempt in flight
            }
            UUID whileDown = insertEvent(type); // written while no instance runs: only the feed knows it
            assertEquals("PENDING", statusOf(retried));
            assertTrue(claimed(retried), "the stopped instance still holds the claim");
            receiver.answer(n -> 200);

            try (PackagedInstance second = PackagedInstance.start(env)) {
                // the claim comes back when its lease (timeout + 15 s) runs out
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        "SUCCEEDED".equals(statusOf(retried)) && "SUCCEEDED".equals(statusOf(whileDown)));
            }
            List<TestReceiver.Received> received = receiver.received();
            assertTrue(received.stream().allMatch(r -> r.signedWith(secret)), "every attempt is signed with the webhook's secret");
            assertTrue(received.stream().anyMatch(r -> r.header("Landlord-Event-Id").equals(retried.toString())));
            assertTrue(received.stream().anyMatch(r -> r.header("Landlord-Event-Id").equals(whileDown.toString())));
        }
    }
}
