package io.landlord.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantLockTest {

    private String admin;
    private JsonPath tenant;
    private String id;

    @BeforeEach
    void createTenant() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        tenant = TestTenants.create(admin);
        id = tenant.getString("id");
    }

    private void tokenRequestIsRefusedAsLocked() {
        given().contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + tenant.getString("client.clientId")
                        + "\",\"client_secret\":\"" + tenant.getString("client.clientSecret") + "\"}")
                .when().post("/oauth/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_client"))
                .body("error_description", containsString("locked"));
    }

    @Test
    void locking_refuses_new_tokens_and_issued_ones_and_unlocking_restores_both() {
        String issued = TestTenants.adminBearerOf(tenant);
        given().header("Authorization", admin).when().put("/v1/tenants/" + id + "/lock")
                .then().statusCode(200)
                .body("locked", equalTo(true))
                .body("lockedAt", notNullValue());

        tokenRequestIsRefusedAsLocked();
        given().header("Authorization", issued).when().get("/v1/tenants/" + id)
                .then().statusCode(403)
                .body("type", equalTo("TenantLocked"));
        given().header("Authorization", admin).when().get("/v1/tenants/" + id)
                .then().statusCode(200).body("locked", equalTo(true));

        given().header("Authorization", admin).when().put("/v1/tenants/" + id + "/unlock")
                .then().statusCode(200)
                .body("locked", equalTo(false))
                .body("lockedAt", nullValue());
        given().header("Authorization", issued).when().get("/v1/tenants/" + id).then().statusCode(200);
        TestTenants.adminBearerOf(tenant);
    }

    @Test
    void locking_twice_keeps_the_first_lock_time() {
        String first = given().header("Authorization", admin).when().put("/v1/tenants/" + id + "/lock")
                .then().statusCode(200).extract().path("lockedAt");
        given().header("Authorization", admin).when().put("/v1/tenants/" + id + "/lock")
                .then().statusCode(200).body("lockedAt", equalTo(first));
        given().header("Authorization", admin).when().put("/v1/tenants/" + id + "/unlock").then().statusCode(200);
        given().header("Authorization", admin).when().put("/v1/tenants/" + id + "/unlock").then().statusCode(200)
                .body("locked", equalTo(false));
    }

    @Test
    void locking_needs_the_lock_permission_and_a_management_client() {
        given().when().put("/v1/tenants/" + id + "/lock").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(TenantResourceTest.scopedAdminToken("tenants:update")))
                .when().put("/v1/tenants/" + id + "/lock").then().statusCode(403);
        given().header("Authorization", TestTenants.adminBearerOf(tenant)).when().put("/v1/tenants/" + id + "/lock")
                .then().statusCode(403);
        given().header("Authorization", admin).when().put("/v1/tenants/" + UUID.randomUUID() + "/lock").then().statusCode(404);
    }

    @Test
    void a_locked_tenant_does_not_affect_another_tenant() {
        JsonPath other = TestTenants.create(admin);
        given().header("Authorization", admin).when().put("/v1/tenants/" + id + "/lock").then().statusCode(200);
        given().header("Authorization", TestTenants.adminBearerOf(other)).when().get("/v1/tenants/" + other.getString("id"))
                .then().statusCode(200);
    }
}
