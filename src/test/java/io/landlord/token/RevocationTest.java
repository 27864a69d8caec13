package io.landlord.token;

import static io.landlord.support.OAuthCalls.introspect;
import static io.landlord.support.OAuthCalls.revoke;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.landlord.support.OAuthCalls;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RevocationTest {

    private static final String ADMIN = TestTokens.ADMIN_CLIENT_ID;
    private static final String ADMIN_SECRET = TestTokens.ADMIN_CLIENT_SECRET;

    @Inject
    Pool pool;

    @Inject
    AccessTokens accessTokens;

    private static int statusOfEnvironments(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).when().get("/v1/environments").then().extract().statusCode();
    }

    private List<Row> revocationRows(String value) {
        return pool.preparedQuery("SELECT kind, expires_at FROM token_revocations WHERE value = $1")
                .execute(Tuple.of(value)).await().indefinitely().stream().toList();
    }

    private String jtiOf(String token) {
        return accessTokens.verify(token).jti();
    }

    @Test
    void a_client_revokes_its_own_token_which_every_endpoint_then_refuses() {
        JsonPath tenant = TestTenants.create(TestTokens.bearer(TestTokens.adminToken()));
        String clientId = tenant.getString("client.clientId");
        String secret = tenant.getString("client.clientSecret");
        String token = TestTokens.token(clientId, secret);
        String other = TestTokens.token(clientId, secret);
        AccessTokens.VerifiedToken verified = accessTokens.verify(token);

        revoke(clientId, secret, token).statusCode(200).header("Cache-Control", "no-store").body(emptyString());

        given().header("Authorization", TestTokens.bearer(token)).when().get("/v1/tenants/" + tenant.getString("id"))
                .then().statusCode(401).body("code", equalTo("Unauthorized"));
        introspect(ADMIN, ADMIN_SECRET, token).statusCode(200).body("active", equalTo(false));
        given().header("Authorization", TestTokens.bearer(other)).when().get("/v1/tenants/" + tenant.getString("id"))
                .then().statusCode(200);
        List<Row> rows = revocationRows(verified.jti());
        assertEquals(1, rows.size());
        assertEquals("token", rows.get(0).getString("kind"));
        assertEquals(Instant.ofEpochSecond(verified.expiresAt()), rows.get(0).getOffsetDateTime("expires_at").toInstant());
    }

    @Test
    void revoking_an_unknown_garbage_or_already_revoked_token_is_ok() {
        String token = TestTokens.adminToken();

        revoke(ADMIN, ADMIN_SECRET, "not-a-token").statusCode(200);
        revoke(ADMIN, ADMIN_SECRET, token).statusCode(200);
        revoke(ADMIN, ADMIN_SECRET, token).statusCode(200);
        assertEquals(401, statusOfEnvironments(token));
    }

    @Test
    void a_tenant_client_may_not_revoke_another_client_s_token_but_a_management_client_with_tokens_revoke_may() {
        JsonPath tenant = TestTenants.create(TestTokens.bearer(TestTokens.adminToken()));
        JsonPath other = TestTenants.create(TestTokens.bearer(TestTokens.adminToken()));
        String token = TestTokens.token(tenant.getString("client.clientId"), tenant.getString("client.clientSecret"));
        JsonPath viewer = OAuthCalls.managementClient("platform-viewer");

        revoke(other.getString("client.clientId"), other.getString("client.clientSecret"), token)
                .statusCode(403).body("error", equalTo("unauthorized_client"));
        revoke(viewer.getString("clientId"), viewer.getString("clientSecret"), token)
                .statusCode(403).body("error", equalTo("unauthorized_client"));
        assertEquals(0, revocationRows(jtiOf(token)).size());

        revoke(ADMIN, ADMIN_SECRET, token).statusCode(200);
        given().header("Authorization", TestTokens.bearer(token)).when().get("/v1/tenants/" + tenant.getString("id"))
                .then().statusCode(401);
    }

    @Test
    void a_revocation_another_instance_stored_is_refused_here_within_two_seconds() {
        String token = TestTokens.adminToken();
        AccessTokens.VerifiedToken verified = accessTokens.verify(token);
        assertEquals(200, statusOfEnvironments(token));

        pool.preparedQuery("INSERT INTO token_revocations (kind, value, revoked_at, expires_at) VALUES ('token', $1, now(), $2)")
                .execute(Tuple.of(verified.jti(), Instant.ofEpochSecond(verified.expiresAt()).atOffset(ZoneOffset.UTC)))
                .await().indefinitely();

        await().atMost(Duration.ofMillis(2500)).pollInterval(Duration.ofMillis(50))
                .until(() -> statusOfEnvironments(token) == 401);
    }

    @Test
    void many_concurrent_revocations_of_one_token_all_succeed_and_leave_one_row() throws Exception {
        String token = TestTokens.adminToken();
        String jti = jtiOf(token);
        ExecutorService pool8 = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> revoke(ADMIN, ADMIN_SECRET, token).extract().statusCode());
            }
            for (Future<Integer> status : pool8.invokeAll(calls)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool8.shutdown();
        }
        assertEquals(1, revocationRows(jti).size());
        assertEquals(401, statusOfEnvironments(token));
    }

    @Test
    void the_rfc_error_cases_are_answered_as_rfc_7009_says() {
        given().auth().preemptive().basic(ADMIN, ADMIN_SECRET).contentType(ContentType.URLENC).formParam("foo", "bar")
                .when().post("/oauth/revoke")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
        given().auth().preemptive().basic(ADMIN, ADMIN_SECRET).contentType(ContentType.URLENC)
                .formParam("token", "x").formParam("token_type_hint", "refresh_token")
                .when().post("/oauth/revoke")
                .then().statusCode(400).body("error", equalTo("unsupported_token_type"));
        revoke(ADMIN, ADMIN_SECRET + "x", "x").statusCode(401).body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", "Basic realm=\"landlord\"");
    }

    @Test
    void a_revocation_is_in_the_audit_trail_without_the_token() {
        String token = TestTokens.adminToken();
        String requestId = "revoke-" + System.nanoTime();
        given().auth().preemptive().basic(ADMIN, ADMIN_SECRET).header("X-Request-Id", requestId).contentType(ContentType.URLENC)
                .formParam("token", token).when().post("/oauth/revoke").then().statusCode(200);

        List<Row> events = pool.preparedQuery(
                "SELECT type, actor, payload::text AS payload FROM event_log WHERE request_id = $1 ORDER BY occurred_at, position, part")
                .execute(Tuple.of(requestId)).await().indefinitely().stream().toList();
        assertEquals(List.of("ACCESS_TOKEN_REVOKE_START", "ACCESS_TOKEN_REVOKE_SUCCESS"), events.stream().map(r -> r.getString("type")).toList());
        assertEquals(ADMIN, events.get(0).getString("actor"));
        assertFalse(events.get(1).getString("payload").contains(token));
    }
}
