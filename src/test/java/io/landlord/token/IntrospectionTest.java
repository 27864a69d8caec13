package io.landlord.token;

import static io.landlord.support.OAuthCalls.introspect;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.landlord.common.security.Permissions;
import io.landlord.support.OAuthCalls;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.landlord.support.TokenForger;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IntrospectionTest {

    private static final String ISSUER = "http://localhost:8081";
    private static final String ADMIN = TestTokens.ADMIN_CLIENT_ID;
    private static final String ADMIN_SECRET = TestTokens.ADMIN_CLIENT_SECRET;
    private static final Map<String, Boolean> INACTIVE = Map.of("active", false);

    @Inject
    SigningKeys keys;

    private static String adminBearer() {
        return TestTokens.bearer(TestTokens.adminToken());
    }

    private static void assertInactive(String clientId, String secret, String token) {
        Map<String, Object> body = introspect(clientId, secret, token).statusCode(200).extract().jsonPath().getMap("");
        assertEquals(INACTIVE, body);
    }

    @Test
    void a_management_client_with_tokens_introspect_sees_an_active_token_s_claims() {
        JsonPath tenant = TestTenants.create(adminBearer());
        String clientId = tenant.getString("client.clientId");
        String token = TestTokens.token(clientId, tenant.getString("client.clientSecret"));

        introspect(ADMIN, ADMIN_SECRET, token).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("active", equalTo(true))
                .body("client_id", equalTo(clientId))
                .body("sub", equalTo(clientId))
                .body("iss", equalTo(ISSUER))
                .body("aud", equalTo("https://" + tenant.getString("subdomain")))
                .body("tenant_id", equalTo(tenant.getString("id")))
                .body("token_type", equalTo("Bearer"))
                .body("permissions", hasItem(Permissions.TENANTS_READ))
                .body("roles", equalTo(List.of("admin")));
        JsonPath answer = introspect(ADMIN, ADMIN_SECRET, token).extract().jsonPath();
        assertEquals(answer.getLong("exp") - answer.getLong("iat"), 14400L);
        assertEquals(36, answer.getString("jti").length());
    }

    @Test
    void a_tenant_client_introspects_its_own_tenant_s_tokens_with_credentials_in_the_form() {
        JsonPath tenant = TestTenants.create(adminBearer());
        String clientId = tenant.getString("client.clientId");
        String secret = tenant.getString("client.clientSecret");
        String token = TestTokens.token(clientId, secret);

        given().contentType(ContentType.URLENC).formParam("token", token).formParam("token_type_hint", "access_token")
                .formParam("client_id", clientId).formParam("client_secret", secret)
                .when().post("/oauth/introspect")
                .then().statusCode(200).body("active", equalTo(true)).body("tenant_id", equalTo(tenant.getString("id")));
    }

    @Test
    void another_tenant_s_token_and_a_management_token_are_inactive_to_a_tenant_client() {
        JsonPath mine = TestTenants.create(adminBearer());
        JsonPath theirs = TestTenants.create(adminBearer());
        String theirToken = TestTokens.token(theirs.getString("client.clientId"), theirs.getString("client.clientSecret"));

        assertInactive(mine.getString("client.clientId"), mine.getString("client.clientSecret"), theirToken);
        assertInactive(mine.getString("client.clientId"), mine.getString("client.clientSecret"), TestTokens.adminToken());
    }

    @Test
    void a_management_client_without_tokens_introspect_is_refused() {
        JsonPath viewer = OAuthCalls.managementClient("platform-viewer");

        introspect(viewer.getString("clientId"), viewer.getString("clientSecret"), TestTokens.adminToken())
                .statusCode(403)
                .header("Cache-Control", "no-store")
                .body("error", equalTo("unauthorized_client"));
    }

    @Test
    void expired_forged_and_garbage_tokens_are_exactly_inactive() {
        JwtClaims expired = TokenForger.validClaims(ISSUER, ISSUER, List.of(Permissions.ENVIRONMENTS_READ));
        expired.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 7200));
        expired.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        JwtClaims foreign = TokenForger.validClaims("https://elsewhere.example", ISSUER, List.of(Permissions.ENVIRONMENTS_READ));

        assertInactive(ADMIN, ADMIN_SECRET, TokenForger.sign(expired, keys.active()));
        assertInactive(ADMIN, ADMIN_SECRET, TokenForger.sign(foreign, keys.active()));
        assertInactive(ADMIN, ADMIN_SECRET, TestTokens.adminToken() + "x");
        assertInactive(ADMIN, ADMIN_SECRET, "not-a-token");
    }

    @Test
    void a_locked_tenant_s_token_is_inactive_until_it_is_unlocked() {
        String admin = adminBearer();
        JsonPath tenant = TestTenants.create(admin);
        String token = TestTokens.token(tenant.getString("client.clientId"), tenant.getString("client.clientSecret"));

        given().header("Authorization", admin).when().put("/v1/tenants/" + tenant.getString("id") + "/lock").then().statusCode(200);
        assertInactive(ADMIN, ADMIN_SECRET, token);
        given().header("Authorization", admin).when().put("/v1/tenants/" + tenant.getString("id") + "/unlock").then().statusCode(200);
        introspect(ADMIN, ADMIN_SECRET, token).statusCode(200).body("active", equalTo(true));
    }

    @Test
    void a_deleted_tenant_s_and_a_deleted_client_s_tokens_are_inactive() {
        String admin = adminBearer();
        JsonPath tenant = TestTenants.create(admin);
        String token = TestTokens.token(tenant.getString("client.clientId"), tenant.getString("client.clientSecret"));
        JsonPath client = OAuthCalls.managementClient("platform-viewer");
        String clientToken = TestTokens.token(client.getString("clientId"), client.getString("clientSecret"));

        given().header("Authorization", admin).when().delete("/v1/tenants/" + tenant.getString("id")).then().statusCode(204);
        given().header("Authorization", admin).when().delete("/v1/management/clients/" + client.getString("clientId"))
                .then().statusCode(204);

        assertInactive(ADMIN, ADMIN_SECRET, token);
        assertInactive(ADMIN, ADMIN_SECRET, clientToken);
    }

    @Test
    void a_request_without_a_token_is_invalid_request() {
        given().auth().preemptive().basic(ADMIN, ADMIN_SECRET).contentType(ContentType.URLENC).formParam("token_type_hint", "access_token")
                .when().post("/oauth/introspect")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void a_refresh_token_hint_is_unsupported_token_type() {
        given().auth().preemptive().basic(ADMIN, ADMIN_SECRET).contentType(ContentType.URLENC)
                .formParam("token", TestTokens.adminToken()).formParam("token_type_hint", "refresh_token")
                .when().post("/oauth/introspect")
                .then().statusCode(400).body("error", equalTo("unsupported_token_type"));
    }

    @Test
    void a_wrong_secret_or_no_client_authentication_is_invalid_client() {
        introspect(ADMIN, ADMIN_SECRET + "x", TestTokens.adminToken())
                .statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"landlord\"")
                .body("error", equalTo("invalid_client"));
        given().contentType(ContentType.URLENC).formParam("token", TestTokens.adminToken())
                .when().post("/oauth/introspect")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void the_server_metadata_advertises_introspection_and_revocation() {
        given().when().get("/.well-known/oauth-authorization-server")
                .then().statusCode(200)
                .body("introspection_endpoint", equalTo(ISSUER + "/oauth/introspect"))
                .body("revocation_endpoint", equalTo(ISSUER + "/oauth/revoke"))
                .body("introspection_endpoint_auth_methods_supported", equalTo(List.of("client_secret_basic", "client_secret_post")))
                .body("revocation_endpoint_auth_methods_supported", equalTo(List.of("client_secret_basic", "client_secret_post")));
    }

    @Test
    void the_platform_admin_role_holds_the_token_permissions() {
        given().header("Authorization", adminBearer()).when().get("/v1/roles")
                .then().statusCode(200)
                .body("data.find { it.name == 'platform-admin' }.permissions",
                        hasItems(Permissions.TOKENS_INTROSPECT, Permissions.TOKENS_REVOKE))
                .body("data.find { it.name == 'platform-viewer' }.permissions",
                        not(hasItem(Permissions.TOKENS_INTROSPECT)));
    }
}
