package io.landlord.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenResourceTest {

    private static final String ISSUER = "http://localhost:8081";
    private static final String ID = TestTokens.ADMIN_CLIENT_ID;
    private static final String SECRET = TestTokens.ADMIN_CLIENT_SECRET;

    private static String json(String grantType, String clientId, String secret, String audience) {
        StringBuilder body = new StringBuilder("{\"grant_type\":\"" + grantType + "\"");
        if (clientId != null) {
            body.append(",\"client_id\":\"").append(clientId).append('"');
        }
        if (secret != null) {
            body.append(",\"client_secret\":\"").append(secret).append('"');
        }
        if (audience != null) {
            body.append(",\"audience\":\"").append(audience).append('"');
        }
        return body.append('}').toString();
    }

    @Test
    void a_management_client_gets_a_token_with_a_json_body() {
        given().contentType(ContentType.JSON).body(json("client_credentials", ID, SECRET, ISSUER))
                .when().post("/oauth/token")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(14400))
                .body("access_token", notNullValue());
    }

    @Test
    void a_management_client_gets_a_token_with_a_form_body() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", ID).formParam("client_secret", SECRET)
                .when().post("/oauth/token")
                .then().statusCode(200)
                .body("token_type", equalTo("Bearer"));
    }

    @Test
    void a_management_client_gets_a_token_with_http_basic() {
        given().auth().preemptive().basic(ID, SECRET).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .when().post("/oauth/token")
                .then().statusCode(200)
                .body("access_token", notNullValue());
    }

    @Test
    void a_wrong_secret_with_http_basic_is_invalid_client_with_a_basic_challenge() {
        given().auth().preemptive().basic(ID, SECRET + "x").contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .when().post("/oauth/token")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"landlord\"")
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_client"))
                .body("error_description", notNullValue());
    }

    @Test
    void a_wrong_secret_in_the_body_is_invalid_client() {
        given().contentType(ContentType.JSON).body(json("client_credentials", ID, "llsec_wrong", null))
                .when().post("/oauth/token")
                .then().statusCode(401)
                .header("WWW-Authenticate", nullValue())
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void an_unknown_client_is_invalid_client() {
        given().contentType(ContentType.JSON).body(json("client_credentials", "nobody", SECRET, null))
                .when().post("/oauth/token")
                .then().statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void missing_client_credentials_are_invalid_client() {
        given().contentType(ContentType.JSON).body(json("client_credentials", ID, null, null))
                .when().post("/oauth/token")
                .then().statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void a_missing_grant_type_is_invalid_request() {
        given().contentType(ContentType.JSON).body("{\"client_id\":\"" + ID + "\",\"client_secret\":\"" + SECRET + "\"}")
                .when().post("/oauth/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void another_grant_type_is_unsupported_grant_type() {
        given().contentType(ContentType.JSON).body(json("password", ID, SECRET, null))
                .when().post("/oauth/token")
                .then().statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void a_foreign_audience_is_invalid_scope() {
        given().contentType(ContentType.JSON).body(json("client_credentials", ID, SECRET, "https://elsewhere.example"))
                .when().post("/oauth/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void a_scope_the_client_lacks_is_invalid_scope() {
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", ID).formParam("client_secret", SECRET)
                .formParam("scope", "environments:read galaxies:conquer")
                .when().post("/oauth/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void malformed_json_is_invalid_request() {
        given().contentType(ContentType.JSON).body("{\"grant_type\":")
                .when().post("/oauth/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void an_unsupported_content_type_is_invalid_request() {
        given().contentType(ContentType.TEXT).body("grant_type=client_credentials")
                .when().post("/oauth/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void two_client_authentication_methods_at_once_are_invalid_request() {
        given().auth().preemptive().basic(ID, SECRET).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_secret", SECRET)
                .when().post("/oauth/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void a_repeated_form_parameter_is_invalid_request() {
        given().contentType(ContentType.URLENC)
                .body("grant_type=client_credentials&client_id=" + ID + "&client_id=" + ID + "&client_secret=" + SECRET)
                .when().post("/oauth/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void the_token_verifies_against_the_served_jwks_with_a_standard_jose_library() throws Exception {
        String token = TestTokens.adminToken();
        String jwks = given().when().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(ISSUER)
                .setRequireExpirationTime()
                .build();
        JwtClaims claims = consumer.processToClaims(token);
        assertEquals(ID, claims.getSubject());
        assertEquals(14400, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertNotNull(claims.getJwtId());
        assertEquals(List.of("platform-admin"), claims.getStringListClaimValue("roles"));
        assertTrue(claims.getStringListClaimValue("permissions").contains("tenants:create"));
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertTrue(header.contains("\"alg\":\"ES256\""), header);
        assertTrue(header.contains("\"kid\""), header);
    }

    @Test
    void the_jwks_publishes_public_keys_only() {
        given().when().get("/.well-known/jwks.json")
                .then().statusCode(200)
                .body("keys[0].kty", equalTo("EC"))
                .body("keys[0].crv", equalTo("P-256"))
                .body("keys[0].alg", equalTo("ES256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].d", nullValue());
    }

    @Test
    void the_authorization_server_metadata_follows_rfc_8414() {
        given().when().get("/.well-known/oauth-authorization-server")
                .then().statusCode(200)
                .body("issuer", equalTo(ISSUER))
                .body("token_endpoint", equalTo(ISSUER + "/oauth/token"))
                .body("jwks_uri", equalTo(ISSUER + "/.well-known/jwks.json"))
                .body("grant_types_supported", hasItem("client_credentials"))
                .body("token_endpoint_auth_methods_supported", hasItem("client_secret_basic"));
    }

    @Test
    void a_scope_narrows_the_token_permissions() throws Exception {
        String token = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", ID).formParam("client_secret", SECRET)
                .formParam("scope", "environments:read")
                .when().post("/oauth/token")
                .then().statusCode(200).extract().path("access_token");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals(List.of("environments:read"), JwtClaims.parse(payload).getStringListClaimValue("permissions"));
    }
}
