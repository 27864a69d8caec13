package io.landlord.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookResourceTest {

    /** Closed port on loopback: deliveries fail fast; these tests never produce a matching event anyway. */
    static final String URL = "http://127.0.0.1:9/hooks";

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    private String admin;

    @BeforeEach
    void token() {
        admin = TestTokens.bearer(TestTokens.adminToken());
    }

    private static String body(String type) {
        return "{\"url\":\"" + URL + "\",\"eventTypes\":[\"" + type + "\"]}";
    }

    @Test
    void a_webhook_is_created_with_its_secret_shown_once_then_read_changed_and_deleted() {
        String type = WebhookFixtures.uniqueType();
        String id = given().header("Authorization", admin).contentType(ContentType.JSON).body(body(type))
                .when().post("/v1/webhooks")
                .then().statusCode(201)
                .header("Location", containsString("/v1/webhooks/"))
                .body("url", equalTo(URL))
                .body("eventTypes", equalTo(List.of(type)))
                .body("enabled", equalTo(true))
                .body("tenantId", nullValue())
                .body("secret", startsWith("whsec_"))
                .body("createdAt", notNullValue())
                .extract().path("id");
        try {
            given().header("Authorization", admin).when().get("/v1/webhooks/" + id)
                    .then().statusCode(200).body("id", equalTo(id)).body("secret", nullValue());
            given().header("Authorization", admin).queryParam("limit", 1000).when().get("/v1/webhooks")
                    .then().statusCode(200).body("data.id", hasItem(id)).body("data.secret", org.hamcrest.Matchers.everyItem(nullValue()));

            String tenantId = TestTenants.create(admin).getString("id");
            given().header("Authorization", admin).contentType("application/merge-patch+json")
                    .body("{\"url\":\"http://127.0.0.1:9/other\",\"eventTypes\":[],\"tenantId\":\"" + tenantId + "\",\"enabled\":false}")
                    .when().patch("/v1/webhooks/" + id)
                    .then().statusCode(200)
                    .body("url", equalTo("http://127.0.0.1:9/other"))
                    .body("eventTypes", equalTo(List.of()))
                    .body("tenantId", equalTo(tenantId))
                    .body("enabled", equalTo(false))
                    .body("secret", nullValue());
            given().header("Authorization", admin).contentType("application/merge-patch+json").body("{\"tenantId\":null}")
                    .when().patch("/v1/webhooks/" + id)
                    .then().statusCode(200).body("tenantId", nullValue()).body("url", equalTo("http://127.0.0.1:9/other"));
        } finally {
            given().header("Authorization", admin).when().delete("/v1/webhooks/" + id).then().statusCode(204);
        }
        given().header("Authorization", admin).when().get("/v1/webhooks/" + id).then().statusCode(404).body("code", equalTo("NotFound"));
        given().header("Authorization", admin).when().delete("/v1/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void the_secret_has_at_least_256_random_bits_and_differs_per_webhook() {
        JsonPath a = WebhookFixtures.create(admin, body(WebhookFixtures.uniqueType()));
        JsonPath b = WebhookFixtures.create(admin, body(WebhookFixtures.uniqueType()));
        try {
            String secret = a.getString("secret");
            assertTrue(Base64.getUrlDecoder().decode(secret.substring("whsec_".length())).length >= 32);
            assertTrue(!secret.equals(b.getString("secret")));
        } finally {
            WebhookFixtures.delete(admin, a.getString("id"));
            WebhookFixtures.delete(admin, b.getString("id"));
        }
    }

    @Test
    void webhooks_are_listed_page_by_page() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(WebhookFixtures.create(admin, body(WebhookFixtures.uniqueType())).getString("id"));
        }
        try {
            List<String> seen = new ArrayList<>();
            String cursor = "";
            do {
                JsonPath page = given().header("Authorization", admin).queryParam("limit", 2).queryParam("cursor", cursor)
                        .when().get("/v1/webhooks").then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("data.id"));
                cursor = page.getString("nextCursor");
            } while (cursor != null);
            assertEquals(created, seen.stream().filter(created::contains).toList());
            given().header("Authorization", admin).queryParam("cursor", "garbage").when().get("/v1/webhooks")
                    .then().statusCode(400).body("details[0].param", equalTo("cursor"));
        } finally {
            created.forEach(id -> WebhookFixtures.delete(admin, id));
        }
    }

    @Test
    void bad_input_is_a_bad_request_naming_each_field() {
        String[][] cases = {
                { "{\"url\":\"ftp://hooks.example.com/x\"}", "url" },
                { "{\"url\":\"not a url\"}", "url" },
                { "{\"url\":\"https:///nohost\"}", "url" },
                { "{\"url\":\"https://user:pw@hooks.example.com/\"}", "url" },
                { "{\"eventTypes\":[\"TENANT_CREATE_SUCCESS\"]}", "url" },
                { "{\"url\":\"" + URL + "\",\"eventTypes\":[\"TENANT_CREATE_SUCCESS\",\"lower_case\"]}", "eventTypes[1]" },
                { "{\"url\":\"" + URL + "\",\"tenantId\":\"" + UUID.randomUUID() + "\"}", "tenantId" },
        };
        for (String[] c : cases) {
            given().header("Authorization", admin).contentType(ContentType.JSON).body(c[0])
                    .when().post("/v1/webhooks")
                    .then().statusCode(400).body("code", equalTo("BadRequest")).body("details[0].param", equalTo(c[1]))
                    .body("details[0].location", equalTo("body"));
        }
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"url\":\"" + URL + "\",\"secret\":\"mine\"}")
                .when().post("/v1/webhooks").then().statusCode(400).body("details[0].param", equalTo("secret"));

        String id = WebhookFixtures.create(admin, body(WebhookFixtures.uniqueType())).getString("id");
        try {
            given().header("Authorization", admin).contentType("application/merge-patch+json")
                    .body("{\"url\":\"gopher://x\",\"enabled\":\"yes\",\"secret\":\"mine\",\"eventTypes\":[\"x\"]}")
                    .when().patch("/v1/webhooks/" + id)
                    .then().statusCode(400)
                    .body("details.param", org.hamcrest.Matchers.containsInAnyOrder("url", "enabled", "secret", "eventTypes[0]"));
            given().header("Authorization", admin).contentType("application/merge-patch+json")
                    .body("{\"tenantId\":\"" + UUID.randomUUID() + "\"}")
                    .when().patch("/v1/webhooks/" + id)
                    .then().statusCode(400).body("details[0].param", equalTo("tenantId"));
        } finally {
            WebhookFixtures.delete(admin, id);
        }
    }

    @Test
    void unknown_ids_are_not_found() {
        String unknown = "/v1/webhooks/" + UUID.randomUUID();
        given().header("Authorization", admin).when().get(unknown).then().statusCode(404);
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"enabled\":false}").when().patch(unknown)
                .then().statusCode(404);
        given().header("Authorization", admin).when().get(unknown + "/deliveries").then().statusCode(404);
        String id = WebhookFixtures.create(admin, body(WebhookFixtures.uniqueType())).getString("id");
        try {
            given().urlEncodingEnabled(false).header("Authorization", admin)
                    .when().post("/v1/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + ":redeliver")
                    .then().statusCode(404).body("code", equalTo("NotFound"));
        } finally {
            WebhookFixtures.delete(admin, id);
        }
    }

    @Test
    void each_change_records_its_events_with_the_webhook_id_and_never_the_secret() {
        String requestId = "wh-" + UUID.randomUUID();
        JsonPath created = given().header("Authorization", admin).header("X-Request-Id", requestId).contentType(ContentType.JSON)
                .body(body(WebhookFixtures.uniqueType())).when().post("/v1/webhooks").then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        String patchId = "wh-" + UUID.randomUUID();
        given().header("Authorization", admin).header("X-Request-Id", patchId).contentType(ContentType.JSON).body("{\"enabled\":false}")
                .when().patch("/v1/webhooks/" + id).then().statusCode(200);
        String deleteId = "wh-" + UUID.randomUUID();
        given().header("Authorization", admin).header("X-Request-Id", deleteId).when().delete("/v1/webhooks/" + id).then().statusCode(204);
        String badId = "wh-" + UUID.randomUUID();
        given().header("Authorization", admin).header("X-Request-Id", badId).contentType(ContentType.JSON).body("{\"url\":\"ftp://x\"}")
                .when().post("/v1/webhooks").then().statusCode(400);

        assertEquals(List.of("WEBHOOK_CREATE_START", "WEBHOOK_CREATE_SUCCESS"), eventTypes(requestId));
        assertEquals(List.of("WEBHOOK_UPDATE_START", "WEBHOOK_UPDATE_SUCCESS"), eventTypes(patchId));
        assertEquals(List.of("WEBHOOK_DELETE_START", "WEBHOOK_DELETE_SUCCESS"), eventTypes(deleteId));
        assertEquals(List.of("WEBHOOK_CREATE_START", "WEBHOOK_CREATE_FAIL"), eventTypes(badId));
        JsonPath success = given().header("Authorization", admin).queryParam("type", "WEBHOOK_CREATE_SUCCESS").queryParam("limit", 1000)
                .when().get("/v1/events").then().statusCode(200).extract().jsonPath();
        assertTrue(success.getList("data.payload.webhookId").contains(id));
        assertTrue(!success.prettify().contains(created.getString("secret")), "the secret is in no event");
    }

    /** The types of the events one request caused, oldest first (writes are recorded with the change, at once). */
    private List<String> eventTypes(String requestId) {
        return pool.preparedQuery("SELECT type FROM event_log WHERE request_id = $1 ORDER BY occurred_at, position, part")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(requestId)).await().indefinitely()
                .stream().map(row -> row.getString("type")).toList();
    }

    @Test
    void only_management_clients_with_the_webhook_permissions_may_call() {
        given().when().get("/v1/webhooks").then().statusCode(401);
        given().contentType(ContentType.JSON).body(body("TENANT_CREATE_SUCCESS")).when().post("/v1/webhooks").then().statusCode(401);

        JsonPath tenant = TestTenants.create(admin);
        String tenantAdmin = TestTenants.adminBearerOf(tenant);
        given().header("Authorization", tenantAdmin).when().get("/v1/webhooks").then().statusCode(403);
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON).body(body("TENANT_CREATE_SUCCESS"))
                .when().post("/v1/webhooks").then().statusCode(403);

        JsonPath viewer = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"webhook viewer\",\"roles\":[\"platform-viewer\"]}")
                .when().post("/v1/management/clients").then().statusCode(201).extract().jsonPath();
        String viewerBearer = TestTokens.bearer(TestTokens.token(viewer.getString("clientId"), viewer.getString("clientSecret")));
        String id = WebhookFixtures.create(admin, body(WebhookFixtures.uniqueType())).getString("id");
        try {
            given().header("Authorization", viewerBearer).when().get("/v1/webhooks/" + id).then().statusCode(200).body("secret", nullValue());
            given().header("Authorization", viewerBearer).when().get("/v1/webhooks/" + id + "/deliveries").then().statusCode(200);
            given().header("Authorization", viewerBearer).contentType(ContentType.JSON).body(body("TENANT_CREATE_SUCCESS"))
                    .when().post("/v1/webhooks").then().statusCode(403);
            given().header("Authorization", viewerBearer).contentType(ContentType.JSON).body("{\"enabled\":false}")
                    .when().patch("/v1/webhooks/" + id).then().statusCode(403);
            given().header("Authorization", viewerBearer).when().delete("/v1/webhooks/" + id).then().statusCode(403);
            given().header("Authorization", tenantAdmin).when().get("/v1/webhooks/" + id).then().statusCode(403);
        } finally {
            WebhookFixtures.delete(admin, id);
        }
    }
}
