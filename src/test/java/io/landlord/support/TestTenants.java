package io.landlord.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.UUID;

/** Tenants made through the API, each with a unique subdomain so tests never depend on each other. */
public final class TestTenants {

    public static final String SYDNEY = "fa605282-0223-4ae0-831d-af368bc39a55";
    public static final String FRANKFURT = "84ca6f53-5405-4413-a6ad-848b781807e7";

    private TestTenants() {
    }

    public static String uniqueSubdomain(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Creates a tenant in Sydney; the body includes the default admin client's one-time secret. */
    public static JsonPath create(String adminBearer) {
        return create(adminBearer, "{\"name\":\"Test tenant\",\"subdomain\":\"" + uniqueSubdomain("t")
                + "\",\"environmentId\":\"" + SYDNEY + "\"}");
    }

    public static JsonPath create(String adminBearer, String body) {
        return given().header("Authorization", adminBearer).contentType(ContentType.JSON).body(body)
                .when().post("/v1/tenants")
                .then().statusCode(201)
                .extract().jsonPath();
    }

    /** A bearer header for the tenant's default admin client. */
    public static String adminBearerOf(JsonPath tenant) {
        return TestTokens.bearer(TestTokens.token(tenant.getString("client.clientId"), tenant.getString("client.clientSecret")));
    }

    /** Creates a client with {@code role} in the tenant and returns a bearer header for it. */
    public static String clientBearer(String adminBearer, String tenantId, String role) {
        JsonPath client = given().header("Authorization", adminBearer).contentType(ContentType.JSON)
                .body("{\"name\":\"" + role + " client\",\"roles\":[\"" + role + "\"]}")
                .when().post("/v1/tenants/" + tenantId + "/clients")
                .then().statusCode(201).extract().jsonPath();
        return TestTokens.bearer(TestTokens.token(client.getString("clientId"), client.getString("clientSecret")));
    }
}
