package io.landlord.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After an IdP client secret or an API key is created, no later response and no log line (at any level the
 * service emits) contains it: the log is captured by a handler on the root logger of the running service.
 */
@QuarkusTest
class SecretLeakTest {

    /** Every log record of the service while a test runs, formatted with its parameters and stack trace. */
    static final class CapturingHandler extends Handler {
        final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            StringBuilder line = new StringBuilder(String.valueOf(message));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(' ').append(trace);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private final CapturingHandler log = new CapturingHandler();
    private final List<String> responses = new ArrayList<>();
    private String admin;

    @BeforeEach
    void captureTheLog() {
        log.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(log);
        admin = TestTokens.bearer(TestTokens.adminToken());
    }

    @AfterEach
    void releaseTheLog() {
        Logger.getLogger("").removeHandler(log);
    }

    private Response record(Response response) {
        responses.add(response.asString() + " " + response.getHeaders());
        return response;
    }

    @Test
    void the_log_capture_sees_the_services_log_lines() {
        String marker = "capture-check-" + UUID.randomUUID();
        org.jboss.logging.Logger.getLogger("io.landlord.test").info(marker);
        assertTrue(log.lines.stream().anyMatch(line -> line.contains(marker)), "the handler is not attached to the live log");
    }

    @Test
    void no_response_or_log_line_contains_an_idp_client_secret_after_it_is_set() {
        String secret = "idp-secret-" + UUID.randomUUID();
        JsonPath tenant = TestTenants.create(admin);
        String id = tenant.getString("id");
        String tenantAdmin = TestTenants.adminBearerOf(tenant);
        String idp = "/v1/tenants/" + id + "/identity-provider";
        String body = "{\"issuer\":\"https://login.example\",\"clientId\":\"c\",\"clientSecret\":\"" + secret + "\",\"enabled\":true}";

        record(given().header("Authorization", admin).contentType(ContentType.JSON).body(body).put(idp)).then().statusCode(200);
        record(given().header("Authorization", admin).get(idp));
        record(given().header("Authorization", tenantAdmin).get("/v1/tenancies/self"));
        record(given().header("Authorization", tenantAdmin).contentType(ContentType.JSON)
                .body("{\"enterpriseSsoConfig\":{\"clientSecret\":\"" + secret + "\"}}").patch("/v1/tenancies/self"))
                .then().statusCode(200);
        // failures around the secret: an invalid issuer next to it, malformed JSON quoting it, a foreign tenant
        record(given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(body.replace("https://login.example", "http://bad")).put(idp)).then().statusCode(400);
        record(given().header("Authorization", admin).contentType(ContentType.JSON).body(body.substring(0, body.length() - 1)).put(idp)).then().statusCode(400);
        record(given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"issuer\":\"https://login.example\",\"clientId\":\"c\",\"clientSecret\":{\"x\":\"" + secret + "\"}}").put(idp))
                .then().statusCode(400);
        record(given().header("Authorization", TestTenants.adminBearerOf(TestTenants.create(admin))).contentType(ContentType.JSON)
                .body(body).put(idp)).then().statusCode(404);
        record(given().header("Authorization", admin).get("/v1/tenants/" + id));

        assertNowhere(secret);
    }

    @Test
    void no_response_or_log_line_contains_an_api_key_after_its_creation() {
        String tenantId = TestTenants.create(admin).getString("id");
        String app = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"productCode\":\"P\",\"packageCode\":\"P_1\",\"ttlHours\":6}")
                .post("/v1/tenants/" + tenantId + "/applications").then().statusCode(201).extract().path("id");
        String keys = "/v1/tenants/" + tenantId + "/applications/" + app + "/keys";
        String key = given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"env\":\"DEV\"}")
                .post(keys).then().statusCode(201).extract().path("key");
        log.lines.clear();

        record(given().header("Authorization", admin).get(keys));
        record(given().urlEncodingEnabled(false).header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"key\":\"" + key + "\"}").post("/v1/apikeys:verify")).then().statusCode(200);
        record(given().urlEncodingEnabled(false).header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"key\":\"" + key + "\",\"extra\":1}").post("/v1/apikeys:verify")).then().statusCode(400);
        record(given().urlEncodingEnabled(false).header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"key\":\"" + key + "\"").post("/v1/apikeys:verify")).then().statusCode(400);
        record(given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body("{\"key\":\"" + key + "\"}").post("/v1/apikeys:verify")).then().statusCode(401);
        String keyId = given().header("Authorization", admin).get(keys).then().extract().path("data[0].id");
        record(given().header("Authorization", admin).delete(keys + "/" + keyId)).then().statusCode(204);
        record(given().urlEncodingEnabled(false).header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"key\":\"" + key + "\"}").post("/v1/apikeys:verify")).then().statusCode(404);

        assertNowhere(key);
    }

    private void assertNowhere(String secret) {
        assertTrue(!log.lines.isEmpty() || !responses.isEmpty());
        assertEquals(List.of(), responses.stream().filter(r -> r.contains(secret)).toList(), "a response contains it");
        assertEquals(List.of(), log.lines.stream().filter(l -> l.contains(secret)).toList(), "a log line contains it");
    }
}
