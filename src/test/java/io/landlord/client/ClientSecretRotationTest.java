package io.landlord.client;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.OAuthCalls;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClientSecretRotationTest {

    @Inject
    Pool pool;

    private String admin;

    @BeforeEach
    void adminToken() {
        admin = TestTokens.bearer(TestTokens.adminToken());
    }

    private static int tokenStatus(String clientId, String secret) {
        return given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret)
                .when().post("/oauth/token").then().extract().statusCode();
    }

    private RequestSpecification asAdmin() {
        return given().header("Authorization", admin);
    }

    private Row clientRow(String clientId) {
        return pool.preparedQuery("SELECT previous_secret_hash, previous_secret_expires_at FROM clients WHERE client_id = $1")
                .execute(Tuple.of(clientId)).await().indefinitely().iterator().next();
    }

    @Test
    void rotating_with_an_overlap_keeps_both_secrets_working_until_previous_secret_expires_at() {
        JsonPath tenant = TestTenants.create(admin);
        String path = "/v1/tenants/" + tenant.getString("id") + "/clients/" + tenant.getString("client.clientId");
        String oldSecret = tenant.getString("client.clientSecret");
        Instant before = Instant.now();

        JsonPath rotated = asAdmin().contentType(ContentType.JSON).body("{\"previousSecretExpiresInSeconds\":3600}")
                .when().post(path + "/secret")
                .then().statusCode(200).body("clientSecret", startsWith("llsec_")).body("previousSecretExpiresAt", notNullValue())
                .extract().jsonPath();

        Instant expires = Instant.parse(rotated.getString("previousSecretExpiresAt"));
        assertTrue(!expires.isBefore(before.plusSeconds(3600)) && expires.isBefore(Instant.now().plusSeconds(3601)));
        assertEquals(200, tokenStatus(tenant.getString("client.clientId"), oldSecret));
        assertEquals(200, tokenStatus(tenant.getString("client.clientId"), rotated.getString("clientSecret")));
        asAdmin().when().get(path).then().statusCode(200)
                .body("previousSecretExpiresAt", equalTo(rotated.getString("previousSecretExpiresAt")))
                .body("clientSecret", nullValue());
        Row row = clientRow(tenant.getString("client.clientId"));
        assertNotNull(row.getBuffer("previous_secret_hash"));
        assertEquals(expires, row.getOffsetDateTime("previous_secret_expires_at").toInstant());
    }

    @Test
    void rotating_without_a_body_stops_the_old_secret_at_once() {
        JsonPath tenant = TestTenants.create(admin);
        String clientId = tenant.getString("client.clientId");
        String path = "/v1/tenants/" + tenant.getString("id") + "/clients/" + clientId;

        String secret = asAdmin().when().post(path + "/secret").then().statusCode(200)
                .body("previousSecretExpiresAt", nullValue()).extract().path("clientSecret");

        assertEquals(401, tokenStatus(clientId, tenant.getString("client.clientSecret")));
        assertEquals(200, tokenStatus(clientId, secret));
        assertNull(clientRow(clientId).getBuffer("previous_secret_hash"));
    }

    @Test
    void the_previous_secret_is_refused_once_its_overlap_has_ended() {
        JsonPath tenant = TestTenants.create(admin);
        String clientId = tenant.getString("client.clientId");
        String path = "/v1/tenants/" + tenant.getString("id") + "/clients/" + clientId;

        asAdmin().contentType(ContentType.JSON).body("{\"previousSecretExpiresInSeconds\":1}")
                .when().post(path + "/secret").then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> tokenStatus(clientId, tenant.getString("client.clientSecret")) == 401);
        asAdmin().when().get(path).then().statusCode(200).body("previousSecretExpiresAt", nullValue());
    }

    @Test
    void deleting_the_previous_secret_ends_the_overlap_early() {
        JsonPath client = OAuthCalls.managementClient("platform-viewer");
        String clientId = client.getString("clientId");
        String path = "/v1/management/clients/" + clientId;
        String secret = asAdmin().contentType(ContentType.JSON).body("{\"previousSecretExpiresInSeconds\":604800}")
                .when().post(path + "/secret").then().statusCode(200).extract().path("clientSecret");
        assertEquals(200, tokenStatus(clientId, client.getString("clientSecret")));

        asAdmin().when().delete(path + "/secret/previous").then().statusCode(204);
        asAdmin().when().delete(path + "/secret/previous").then().statusCode(204);

        assertEquals(401, tokenStatus(clientId, client.getString("clientSecret")));
        assertEquals(200, tokenStatus(clientId, secret));
        asAdmin().when().get(path).then().statusCode(200).body("previousSecretExpiresAt", nullValue());
        assertNull(clientRow(clientId).getValue("previous_secret_expires_at"));
    }

    @Test
    void an_overlap_out_of_range_or_of_the_wrong_type_is_a_validation_error() {
        JsonPath tenant = TestTenants.create(admin);
        String path = "/v1/tenants/" + tenant.getString("id") + "/clients/" + tenant.getString("client.clientId") + "/secret";

        for (String body : new String[] { "{\"previousSecretExpiresInSeconds\":604801}", "{\"previousSecretExpiresInSeconds\":-1}" }) {
            asAdmin().contentType(ContentType.JSON).body(body).when().post(path)
                    .then().statusCode(400).body("code", equalTo("BadRequest"))
                    .body("details[0].param", equalTo("previousSecretExpiresInSeconds"));
        }
        asAdmin().contentType(ContentType.JSON).body("{\"previousSecretExpiresInSeconds\":\"soon\"}").when().post(path)
                .then().statusCode(400).body("details[0].param", equalTo("previousSecretExpiresInSeconds"));
        asAdmin().contentType(ContentType.JSON).body("{\"revokeTokens\":\"yes please\"}").when().post(path)
                .then().statusCode(400).body("details[0].param", equalTo("revokeTokens"));
        assertEquals(200, tokenStatus(tenant.getString("client.clientId"), tenant.getString("client.clientSecret")));
    }

    @Test
    void rotating_with_revoke_tokens_refuses_the_tokens_issued_before_and_not_those_after() {
        JsonPath tenant = TestTenants.create(admin);
        String clientId = tenant.getString("client.clientId");
        String tenantPath = "/v1/tenants/" + tenant.getString("id");
        String before = TestTokens.token(clientId, tenant.getString("client.clientSecret"));

        String secret = asAdmin().contentType(ContentType.JSON).body("{\"previousSecretExpiresInSeconds\":60,\"revokeTokens\":true}")
                .when().post(tenantPath + "/clients/" + clientId + "/secret").then().statusCode(200).extract().path("clientSecret");
        String afterWithNew = TestTokens.token(clientId, secret);
        String afterWithOld = TestTokens.token(clientId, tenant.getString("client.clientSecret"));

        given().header("Authorization", TestTokens.bearer(before)).when().get(tenantPath).then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(afterWithNew)).when().get(tenantPath).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(afterWithOld)).when().get(tenantPath).then().statusCode(200);
        assertEquals(1L, pool.preparedQuery("SELECT count(*) FROM token_revocations WHERE kind = 'client' AND value = $1")
                .execute(Tuple.of(clientId)).await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void deleting_a_client_revokes_its_tokens() {
        JsonPath client = OAuthCalls.managementClient("platform-viewer");
        String token = TestTokens.token(client.getString("clientId"), client.getString("clientSecret"));
        given().header("Authorization", TestTokens.bearer(token)).when().get("/v1/environments").then().statusCode(200);

        asAdmin().when().delete("/v1/management/clients/" + client.getString("clientId")).then().statusCode(204);

        given().header("Authorization", TestTokens.bearer(token)).when().get("/v1/environments").then().statusCode(401);
        assertEquals(1L, pool.preparedQuery("SELECT count(*) FROM token_revocations WHERE kind = 'client' AND value = $1")
                .execute(Tuple.of(client.getString("clientId"))).await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void another_tenant_s_client_cannot_end_an_overlap() {
        JsonPath tenant = TestTenants.create(admin);
        JsonPath other = TestTenants.create(admin);
        String otherAdmin = TestTenants.adminBearerOf(other);

        given().header("Authorization", otherAdmin)
                .when().delete("/v1/tenants/" + tenant.getString("id") + "/clients/" + tenant.getString("client.clientId") + "/secret/previous")
                .then().statusCode(404).body("code", equalTo("NotFound"));
        asAdmin().when().delete("/v1/tenants/" + tenant.getString("id") + "/clients/unknown-client/secret/previous")
                .then().statusCode(404);
        given().when().delete("/v1/management/clients/x/secret/previous").then().statusCode(401);
    }
}
