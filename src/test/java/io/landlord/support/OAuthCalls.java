package io.landlord.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Calls of the OAuth endpoints beside the token endpoint, and management clients made for a test. */
public final class OAuthCalls {

    private OAuthCalls() {
    }

    /** {@code POST /oauth/introspect} with a form body, the caller authenticated with HTTP Basic. */
    public static ValidatableResponse introspect(String clientId, String clientSecret, String token) {
        return given().auth().preemptive().basic(clientId, clientSecret).contentType(ContentType.URLENC)
                .formParam("token", token)
                .when().post("/oauth/introspect").then();
    }

    /** {@code POST /oauth/revoke} with a form body, the caller authenticated with HTTP Basic. */
    public static ValidatableResponse revoke(String clientId, String clientSecret, String token) {
        return given().auth().preemptive().basic(clientId, clientSecret).contentType(ContentType.URLENC)
                .formParam("token", token)
                .when().post("/oauth/revoke").then();
    }

    /** A new management client with {@code role}: its clientId and one-time clientSecret. */
    public static JsonPath managementClient(String role) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.adminToken())).contentType(ContentType.JSON)
                .body("{\"name\":\"" + role + " client\",\"roles\":[\"" + role + "\"]}")
                .when().post("/v1/management/clients")
                .then().statusCode(201).extract().jsonPath();
    }
}
