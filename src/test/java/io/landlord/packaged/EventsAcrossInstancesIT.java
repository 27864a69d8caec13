package io.landlord.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.landlord.support.EmbeddedDatabase;
import io.landlord.support.PackagedInstance;
import io.landlord.support.SseSubscription;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Two instances on one database: the stream of one carries the other's events; a graceful stop keeps buffered ones. */
class EventsAcrossInstancesIT {

    private static String adminToken(PackagedInstance instance) {
        return given().baseUri(instance.baseUrl()).contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + TestTokens.ADMIN_CLIENT_ID
                        + "\",\"client_secret\":\"" + TestTokens.ADMIN_CLIENT_SECRET + "\"}")
                .when().post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }

    @Test
    void events_written_on_one_instance_reach_a_subscriber_of_another_through_notify() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start()) {
            Map<String, String> env = new java.util.HashMap<>(database.productionEnvironment("http://localhost:1"));
            // Subscribers would otherwise also find the events by polling; with an hour between polls only NOTIFY is left.
            env.put("LANDLORD_EVENTS_POLL_INTERVAL", "PT1H");
            try (PackagedInstance a = PackagedInstance.start(env); PackagedInstance b = PackagedInstance.start(env)) {
                String admin = "Bearer " + adminToken(a);
                String tenantId = given().baseUri(a.baseUrl()).header("Authorization", admin).contentType(ContentType.JSON)
                        .body("{\"subdomain\":\"" + TestTenants.uniqueSubdomain("notify") + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                        .post("/v1/tenants").then().statusCode(201).extract().path("id");

                URI onB = URI.create(b.baseUrl() + "/v1/events/stream?tenantId=" + tenantId);
                try (SseSubscription subscription = SseSubscription.open(onB, admin, null)) {
                    given().baseUri(a.baseUrl()).header("Authorization", admin).contentType("application/merge-patch+json")
                            .body("{\"tag\":\"from-a\"}").patch("/v1/tenants/" + tenantId).then().statusCode(200);
                    List<SseSubscription.Frame> frames = subscription.take(2, Duration.ofSeconds(10));
                    assertEquals(List.of("TENANT_UPDATE_START", "TENANT_UPDATE_SUCCESS"),
                            frames.stream().map(SseSubscription.Frame::event).toList());
                }
            }
        }
    }

    @Test
    void a_graceful_stop_writes_the_buffered_read_events() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start()) {
            Map<String, String> env = new java.util.HashMap<>(database.productionEnvironment("http://localhost:1"));
            env.put("LANDLORD_EVENTS_FLUSH_INTERVAL", "PT1H");
            String requestId = "shutdown-" + UUID.randomUUID();
            try (PackagedInstance a = PackagedInstance.start(env)) {
                String admin = "Bearer " + adminToken(a);
                given().baseUri(a.baseUrl()).header("Authorization", admin).header("X-Request-Id", requestId)
                        .get("/v1/environments").then().statusCode(200);
                a.terminate();
                assertEquals(143, a.awaitExit(Duration.ofSeconds(60)), "the exit status of a JVM stopped by SIGTERM");
            }
            try (PackagedInstance b = PackagedInstance.start(env)) {
                given().baseUri(b.baseUrl()).header("Authorization", "Bearer " + adminToken(b))
                        .queryParam("type", "ENVIRONMENT_RETRIEVE_LIST_SUCCESS")
                        .get("/v1/events").then().statusCode(200)
                        .body("data.requestId", hasItem(requestId));
            }
        }
    }
}
