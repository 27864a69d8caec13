package io.landlord.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;

/** Access tokens for tests, obtained the way a client does: through POST /oauth/token. */
public final class TestTokens {

    public static final String ADMIN_CLIENT_ID = "test-admin";
    public static final String ADMIN_CLIENT_SECRET = "llsec_test_bootstrap_secret_0123456789abcdefghijklmnop";

    private TestTokens() {
    }

    public static String token(String clientId, String clientSecret) {
        return given().contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + clientSecret + "\"}")
                .when().post("/oauth/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    public static String adminToken() {
        return token(ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
