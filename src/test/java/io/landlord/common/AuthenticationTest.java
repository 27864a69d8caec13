package io.landlord.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.landlord.common.security.Permissions;
import io.landlord.support.TestTokens;
import io.landlord.support.TokenForger;
import io.landlord.token.SigningKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthenticationTest {

    private static final String ISSUER = "http://localhost:8081";
    private static final String PROTECTED = "/v1/environments";

    @Inject
    SigningKeys keys;

    private static JwtClaims valid() {
        return TokenForger.validClaims(ISSUER, ISSUER, List.of(Permissions.ENVIRONMENTS_READ));
    }

    private static void assertUnauthorized(String authorization) {
        given().header("Authorization", authorization)
                .when().get(PROTECTED)
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("Unauthorized"))
                .body("type", equalTo("Unauthorized"));
    }

    @Test
    void a_hand_built_valid_token_is_accepted_so_the_cases_below_fail_for_their_one_defect() {
        given().header("Authorization", TestTokens.bearer(TokenForger.sign(valid(), keys.active())))
                .when().get(PROTECTED)
                .then().statusCode(200);
    }

    @Test
    void no_token_is_unauthorized() {
        given().when().get(PROTECTED)
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("Unauthorized"));
    }

    @Test
    void a_token_that_is_not_a_jwt_is_unauthorized() {
        assertUnauthorized("Bearer not.a.jwt");
    }

    @Test
    void a_non_bearer_authorization_is_unauthorized() {
        assertUnauthorized("Basic dGVzdDp0ZXN0");
    }

    @Test
    void an_expired_token_is_unauthorized() {
        JwtClaims claims = valid();
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 7200));
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        assertUnauthorized(TestTokens.bearer(TokenForger.sign(claims, keys.active())));
    }

    @Test
    void a_token_not_yet_valid_is_unauthorized() {
        JwtClaims claims = valid();
        claims.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 3600));
        assertUnauthorized(TestTokens.bearer(TokenForger.sign(claims, keys.active())));
    }

    @Test
    void a_token_issued_in_the_future_is_unauthorized() {
        JwtClaims claims = valid();
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() + 3600));
        assertUnauthorized(TestTokens.bearer(TokenForger.sign(claims, keys.active())));
    }

    @Test
    void a_token_for_another_audience_is_unauthorized() {
        JwtClaims claims = valid();
        claims.setAudience("https://another-service.example");
        assertUnauthorized(TestTokens.bearer(TokenForger.sign(claims, keys.active())));
    }

    @Test
    void a_token_from_another_issuer_is_unauthorized() {
        JwtClaims claims = valid();
        claims.setIssuer("https://impostor.example");
        assertUnauthorized(TestTokens.bearer(TokenForger.sign(claims, keys.active())));
    }

    @Test
    void a_token_with_a_tampered_payload_is_unauthorized() {
        String[] parts = TestTokens.adminToken().split("\\.");
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                valid().toJson().getBytes(StandardCharsets.UTF_8));
        assertUnauthorized(TestTokens.bearer(parts[0] + "." + forgedPayload + "." + parts[2]));
    }

    @Test
    void a_token_signed_by_an_unknown_key_is_unauthorized() throws Exception {
        EllipticCurveJsonWebKey stranger = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        assertUnauthorized(TestTokens.bearer(TokenForger.sign(valid(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                stranger.getPrivateKey(), keys.active().kid())));
    }

    @Test
    void an_unsigned_alg_none_token_is_unauthorized() {
        assertUnauthorized(TestTokens.bearer(TokenForger.sign(valid(), AlgorithmIdentifiers.NONE, null, keys.active().kid())));
    }

    @Test
    void an_hs256_token_keyed_with_the_public_key_is_unauthorized() {
        byte[] publicKeyBytes = keys.active().jwk().getPublicKey().getEncoded();
        assertUnauthorized(TestTokens.bearer(TokenForger.sign(valid(), AlgorithmIdentifiers.HMAC_SHA256,
                new SecretKeySpec(publicKeyBytes, "HmacSHA256"), keys.active().kid())));
    }

    @Test
    void a_valid_token_without_the_permission_is_forbidden() {
        String token = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", TestTokens.ADMIN_CLIENT_ID).formParam("client_secret", TestTokens.ADMIN_CLIENT_SECRET)
                .formParam("scope", Permissions.TENANTS_READ)
                .when().post("/oauth/token").then().statusCode(200).extract().path("access_token");
        given().header("Authorization", TestTokens.bearer(token))
                .when().get(PROTECTED)
                .then().statusCode(403)
                .body("code", equalTo("Forbidden"));
    }
}
