package io.landlord.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestReceiver;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The retry window, shortened to 2 seconds: a delivery then FAILS, and a webhook failing that long is disabled. */
@QuarkusTest
@TestProfile(WebhookDisablingTest.ShortRetryWindow.class)
class WebhookDisablingTest {

    public static class ShortRetryWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("landlord.webhooks.retry-for", "PT2S");
        }
    }

    @Inject
    Pool pool;

    @Test
    void a_webhook_failing_for_the_whole_retry_window_is_disabled_and_its_deliveries_fail() {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        try (TestReceiver receiver = TestReceiver.start(n -> 503)) {
            String type = WebhookFixtures.uniqueType();
            String id = WebhookFixtures.create(admin, "{\"url\":\"" + receiver.url("/down") + "\",\"eventTypes\":[\"" + type + "\"]}")
                    .getString("id");
            try {
                UUID first = WebhookFixtures.insertEvent(pool, type, null);
                await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(statusOf(admin, id, first)));
                // the webhook keeps failing: each new event is one more failure, until the streak has lasted the window
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    if (webhook(admin, id).getBoolean("enabled")) {
                        WebhookFixtures.insertEvent(pool, type, null);
                        return false;
                    }
                    return true;
                });
                JsonPath disabled = webhook(admin, id);
                assertEquals(false, disabled.getBoolean("enabled"));
                assertTrue(disabled.getString("failingSince") != null);
                Map<?, ?> firstDelivery = WebhookFixtures.deliveries(admin, id).getList("data", Map.class).stream()
                        .filter(d -> first.toString().equals(d.get("eventId"))).findFirst().orElseThrow();
                assertTrue(((java.util.List<?>) firstDelivery.get("attempts")).size() >= 2, "retried before failing");
                assertEquals(503, firstDelivery.get("lastStatusCode"));
                assertTrue(countDisabledEvents(UUID.fromString(id)) == 1, "one WEBHOOK_DISABLED event");
            } finally {
                WebhookFixtures.delete(admin, id);
            }
        }
    }

    private static JsonPath webhook(String admin, String id) {
        return io.restassured.RestAssured.given().header("Authorization", admin).when().get("/v1/webhooks/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    private static String statusOf(String admin, String id, UUID eventId) {
        return WebhookFixtures.deliveries(admin, id).getList("data", Map.class).stream()
                .filter(d -> eventId.toString().equals(d.get("eventId"))).map(d -> (String) d.get("status")).findFirst().orElse(null);
    }

    private long countDisabledEvents(UUID webhookId) {
        return pool.preparedQuery("SELECT count(*) FROM events WHERE type = 'WEBHOOK_DISABLED' AND payload->>'webhookId' = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(webhookId.toString())).await().indefinitely().iterator().next().getLong(0);
    }
}
