package io.landlord.application;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyTest {

    static final String KEY = "{\"label\":\"web\",\"env\":\"PROD\",\"device\":\"browser\",\"geo\":\"AU\",\"config\":{\"urac\":{\"max\":5}}}";

    @Inject
    Pool pool;

    private String admin;
    private JsonPath tenant;
    private String tenantId;
    private String applicationId;

    @BeforeEach
    void createApplication() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        tenant = TestTenants.create(admin);
        tenantId = tenant.getString("id");
        applicationId = ApplicationResourceTest.createApplication(admin, tenantId);
    }

    private String keys() {
        return "/v1/tenants/" + tenantId + "/applications/" + applicationId + "/keys";
    }

    private JsonPath createKey(String body) {
        return given().header("Authorization", admin).contentType(ContentType.JSON).body(body)
                .when().post(keys()).then().statusCode(201).extract().jsonPath();
    }

    /** The colon goes on the wire as it is (RFC 3986: an encoded %3A is another path), as curl sends it. */
    static io.restassured.specification.RequestSpecification verifying() {
        return given().urlEncodingEnabled(false);
    }

    private io.restassured.response.ValidatableResponse verify(String key) {
        return verifying().header("Authorization", admin).contentType(ContentType.JSON).body("{\"key\":\"" + key + "\"}")
                .when().post("/v1/apikeys:verify").then();
    }

    private void sql(String sql, Object param) {
        pool.preparedQuery(sql).execute(param == null ? Tuple.tuple() : Tuple.of(param)).await().indefinitely();
    }

    @Test
    void a_new_key_is_shown_once_and_verifies_to_its_tenant_application_and_config() {
        JsonPath created = createKey(KEY);
        String key = created.getString("key");
        assertTrue(key.startsWith("llkey_") && key.length() >= 6 + 43, key.length() + " characters");
        Instant expiresAt = Instant.parse(created.getString("expiresAt"));
        assertTrue(Duration.between(Instant.now(), expiresAt).toHours() >= 23, "defaults to the application's 24 h");
        given().header("Authorization", admin).when().get(keys())
                .then().statusCode(200)
                .body("data[0].id", equalTo(created.getString("id")))
                .body("data[0].label", equalTo("web"))
                .body("data[0].config.urac.max", equalTo(5))
                .body("data[0]", not(hasKey("key")));
        verify(key).statusCode(200)
                .body("tenantId", equalTo(tenantId))
                .body("applicationId", equalTo(applicationId))
                .body("productCode", equalTo("DSBRD"))
                .body("packageCode", equalTo("DSBRD_MAIN"))
                .body("env", equalTo("PROD"))
                .body("config.urac.max", equalTo(5));
    }

    @Test
    void a_revoked_key_is_an_invalid_key() {
        JsonPath created = createKey(KEY);
        given().header("Authorization", admin).when().delete(keys() + "/" + created.getString("id")).then().statusCode(204);
        verify(created.getString("key")).statusCode(404).body("code", equalTo("NotFound")).body("type", equalTo("InvalidKey"));
        given().header("Authorization", admin).when().get(keys()).then().body("data[0].revokedAt", notNullValue());
        given().header("Authorization", admin).when().delete(keys() + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void an_expired_key_is_an_invalid_key() {
        JsonPath created = createKey(KEY);
        sql("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", UUID.fromString(created.getString("id")));
        verify(created.getString("key")).statusCode(404).body("type", equalTo("InvalidKey"));
    }

    @Test
    void a_key_of_a_locked_tenant_is_an_invalid_key() {
        String key = createKey(KEY).getString("key");
        sql("UPDATE tenants SET locked = true WHERE id = $1", UUID.fromString(tenantId));
        verify(key).statusCode(404).body("type", equalTo("InvalidKey"));
    }

    @Test
    void an_unknown_key_or_the_key_of_a_deleted_application_is_an_invalid_key() {
        verify("llkey_" + UUID.randomUUID()).statusCode(404).body("type", equalTo("InvalidKey"));
        String key = createKey(KEY).getString("key");
        given().header("Authorization", admin).when().delete("/v1/tenants/" + tenantId + "/applications/" + applicationId)
                .then().statusCode(204);
        verify(key).statusCode(404).body("type", equalTo("InvalidKey"));
    }

    @Test
    void a_key_with_an_explicit_expiry_keeps_it_and_a_past_expiry_is_a_bad_request() {
        Instant in2days = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertEquals(in2days, Instant.parse(createKey("{\"env\":\"DEV\",\"expiresAt\":\"" + in2days + "\"}").getString("expiresAt")));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"env\":\"DEV\",\"expiresAt\":\"" + Instant.now().minusSeconds(5) + "\"}")
                .when().post(keys()).then().statusCode(400).body("details[0].param", equalTo("expiresAt"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"label\":\"no env\"}")
                .when().post(keys()).then().statusCode(400).body("details[0].param", equalTo("env"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"env\":\"DEV\",\"config\":[1]}")
                .when().post(keys()).then().statusCode(400);
    }

    @Test
    void keys_of_an_unknown_application_or_another_tenant_are_not_found() {
        given().header("Authorization", admin).contentType(ContentType.JSON).body(KEY)
                .when().post("/v1/tenants/" + tenantId + "/applications/" + UUID.randomUUID() + "/keys").then().statusCode(404);
        String otherAdmin = TestTenants.adminBearerOf(TestTenants.create(admin));
        given().header("Authorization", otherAdmin).when().get(keys()).then().statusCode(404);
        given().header("Authorization", otherAdmin).contentType(ContentType.JSON).body(KEY).when().post(keys()).then().statusCode(404);
        given().when().get(keys()).then().statusCode(401);
    }

    @Test
    void verifying_needs_the_apikeys_verify_permission_of_a_management_client() {
        String key = createKey(KEY).getString("key");
        String tenantAdmin = TestTenants.adminBearerOf(tenant);
        verifying().header("Authorization", tenantAdmin).contentType(ContentType.JSON).body("{\"key\":\"" + key + "\"}")
                .when().post("/v1/apikeys:verify").then().statusCode(403);
        verifying().contentType(ContentType.JSON).body("{\"key\":\"" + key + "\"}").when().post("/v1/apikeys:verify").then().statusCode(401);
        verifying().header("Authorization", admin).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/apikeys:verify").then().statusCode(400).body("details[0].param", equalTo("key"));
        verifying().header("Authorization", admin).contentType(ContentType.JSON).body("{\"key\":\"" + key + "\"}")
                .when().post("/v1/apikeys:check").then().statusCode(404);
    }

    @Test
    void verification_probes_the_unique_hash_index_among_many_keys() {
        sql("""
                INSERT INTO api_keys (id, application_id, key_hash, env, expires_at, created_at)
                SELECT gen_random_uuid(), $1, sha256(convert_to(g::text || gen_random_uuid()::text, 'UTF8')), 'BULK',
                       now() + interval '1 day', now()
                  FROM generate_series(1, 20000) g
                """, UUID.fromString(applicationId));
        sql("ANALYZE api_keys", null);
        String plan = pool.preparedQuery("EXPLAIN " + ApiKeyRepository.LIVE_KEY.replace("$1", "'\\x00'::bytea")).execute()
                .await().indefinitely().stream().map(row -> row.getString(0)).reduce("", (a, b) -> a + b + "\n");
        assertTrue(plan.contains("Index Scan using api_keys_key_hash"), plan);
    }

    @Test
    void a_viewer_lists_keys_but_cannot_create_or_revoke_them() {
        JsonPath created = createKey(KEY);
        String viewer = TestTenants.clientBearer(TestTenants.adminBearerOf(tenant), tenantId, "viewer");
        given().header("Authorization", viewer).when().get(keys()).then().statusCode(200).body("data[0]", not(hasKey("key")));
        given().header("Authorization", viewer).contentType(ContentType.JSON).body(KEY).when().post(keys()).then().statusCode(403);
        given().header("Authorization", viewer).when().delete(keys() + "/" + created.getString("id")).then().statusCode(403);
        verify(created.getString("key")).statusCode(200).body("env", startsWith("PROD"));
    }
}
