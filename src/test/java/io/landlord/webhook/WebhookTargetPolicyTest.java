package io.landlord.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestReceiver;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With the production default: webhooks may not target the platform's own network. */
@QuarkusTest
@TestProfile(WebhookTargetPolicyTest.PublicTargetsOnly.class)
class WebhookTargetPolicyTest {

    public static class PublicTargetsOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("landlord.webhooks.allow-private-targets", "false");
        }
    }

    @Inject
    Pool pool;

    @Test
    void targets_on_loopback_private_link_local_or_cgnat_addresses_are_refused() {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        for (String url : new String[] { "http://127.0.0.1:8081/x", "http://localhost/x", "http://10.1.2.3/", "http://172.20.0.5/",
                "http://192.168.0.10/", "http://169.254.169.254/latest/meta-data/", "http://100.64.1.1/", "http://[::1]/",
                "http://[fd00::1]/", "http://0.0.0.0/", "http://224.0.0.1/" }) {
            given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"url\":\"" + url + "\"}")
                    .when().post("/v1/webhooks")
                    .then().statusCode(400).body("type", equalTo("ValidationError"))
                    .body("details[0].param", equalTo("url")).body("details[0].value", equalTo(url));
        }
        String id = WebhookFixtures.create(admin, "{\"url\":\"https://93.184.215.14/hook\",\"enabled\":false}").getString("id");
        try {
            given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"url\":\"http://10.0.0.1/\"}")
                    .when().patch("/v1/webhooks/" + id).then().statusCode(400).body("details[0].param", equalTo("url"));
        } finally {
            WebhookFixtures.delete(admin, id);
        }
    }

    @Test
    void a_target_that_now_resolves_to_a_private_address_is_a_failed_attempt_and_is_never_contacted() {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        try (TestReceiver receiver = TestReceiver.start(n -> 200)) {
            String type = WebhookFixtures.uniqueType();
            JsonPath webhook = WebhookFixtures.create(admin, "{\"url\":\"https://93.184.215.14/hook\",\"eventTypes\":[\"" + type + "\"]}");
            String id = webhook.getString("id");
            try {
                // as if its name had been re-pointed at the platform's own network after the check (DNS rebinding)
                pool.preparedQuery("UPDATE webhooks SET url = $1 WHERE id = $2")
                        .execute(Tuple.of(receiver.url("/internal"), UUID.fromString(id))).await().indefinitely();
                WebhookFixtures.insertEvent(pool, type, null);
                await().atMost(Duration.ofSeconds(20)).until(() ->
                        WebhookFixtures.deliveries(admin, id).getList("data.attempts.flatten()").size() >= 2);
                JsonPath deliveries = WebhookFixtures.deliveries(admin, id);
                assertEquals("REFUSED_TARGET", deliveries.getString("data[0].attempts[0].error"));
                assertEquals("REFUSED_TARGET", deliveries.getString("data[0].lastError"));
                assertTrue(receiver.received().isEmpty());
            } finally {
                WebhookFixtures.delete(admin, id);
            }
        }
    }
}
