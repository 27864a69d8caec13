package io.landlord.entitlement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EntitlementResourceTest {

    private String admin;
    private JsonPath tenant;
    private String path;

    @BeforeEach
    void createTenant() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        tenant = TestTenants.create(admin);
        path = "/v1/tenants/" + tenant.getString("id") + "/entitlements";
    }

    private void put(String body, int status) {
        given().header("Authorization", admin).contentType(ContentType.JSON).body(body).when().put(path).then().statusCode(status);
    }

    @Test
    void an_entitlement_is_created_replaced_and_read_by_type() {
        put("{\"type\":\"USERS\",\"quantity\":100,\"contractMode\":\"TRIAL\"}", 200);
        put("{\"type\":\"USERS\",\"quantity\":250,\"contractMode\":\"PRODUCTION\",\"hardLimit\":true,"
                + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2027-01-01T00:00:00Z\"}", 200);
        given().header("Authorization", admin).when().get(path + "/USERS")
                .then().statusCode(200)
                .body("quantity", equalTo(250))
                .body("contractMode", equalTo("PRODUCTION"))
                .body("hardLimit", equalTo(true))
                .body("startsAt", equalTo("2026-01-01T00:00:00Z"));
        put("{\"type\":\"TRANSACTIONS\",\"quantity\":5,\"contractMode\":\"TRIAL\"}", 200);
        given().header("Authorization", admin).when().get(path)
                .then().statusCode(200)
                .body("data.type", contains("TRANSACTIONS", "USERS"));
    }

    @Test
    void a_tenant_is_created_with_its_entitlements() {
        JsonPath created = TestTenants.create(admin, "{\"subdomain\":\"" + TestTenants.uniqueSubdomain("ent") + "\",\"environmentId\":\""
                + TestTenants.SYDNEY + "\",\"entitlements\":[{\"type\":\"ISSUANCE\",\"quantity\":7,\"contractMode\":\"TRIAL\"}]}");
        given().header("Authorization", admin).when().get("/v1/tenants/" + created.getString("id") + "/entitlements/ISSUANCE")
                .then().statusCode(200).body("quantity", equalTo(7));
    }

    @Test
    void invalid_entitlements_are_bad_requests_naming_each_field() {
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"type\":\"PIZZAS\",\"quantity\":-1,\"contractMode\":\"FOREVER\"}")
                .when().put(path)
                .then().statusCode(400)
                .body("details.param", hasItems("type", "quantity", "contractMode"));
        put("{\"type\":\"USERS\",\"quantity\":1,\"contractMode\":\"TRIAL\",\"startsAt\":\"2027-01-01T00:00:00Z\",\"endsAt\":\"2026-01-01T00:00:00Z\"}", 400);
        given().header("Authorization", admin).when().get(path + "/PIZZAS").then().statusCode(400);
        given().header("Authorization", admin).when().get(path + "/USERS").then().statusCode(404);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"subdomain\":\"" + TestTenants.uniqueSubdomain("dup") + "\",\"environmentId\":\"" + TestTenants.SYDNEY
                        + "\",\"entitlements\":[{\"type\":\"USERS\",\"quantity\":1,\"contractMode\":\"TRIAL\"},"
                        + "{\"type\":\"USERS\",\"quantity\":2,\"contractMode\":\"TRIAL\"}]}")
                .when().post("/v1/tenants").then().statusCode(400);
    }

    @Test
    void a_tenant_reads_but_cannot_change_its_own_entitlements_and_never_another_tenants() {
        put("{\"type\":\"USERS\",\"quantity\":1,\"contractMode\":\"TRIAL\"}", 200);
        String tenantAdmin = TestTenants.adminBearerOf(tenant);
        given().header("Authorization", tenantAdmin).when().get(path).then().statusCode(200);
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON)
                .body("{\"type\":\"USERS\",\"quantity\":1000,\"contractMode\":\"PRODUCTION\"}").when().put(path).then().statusCode(403);
        JsonPath other = TestTenants.create(admin);
        given().header("Authorization", tenantAdmin).when().get("/v1/tenants/" + other.getString("id") + "/entitlements")
                .then().statusCode(404);
        given().header("Authorization", admin).when().get("/v1/tenants/" + UUID.randomUUID() + "/entitlements").then().statusCode(404);
        given().when().get(path).then().statusCode(401);
    }
}
