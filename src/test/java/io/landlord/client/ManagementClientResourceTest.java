package io.landlord.client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ManagementClientResourceTest {

    private String admin;

    @BeforeEach
    void authenticate() {
        admin = TestTokens.bearer(TestTokens.adminToken());
    }

    private JsonPath create(String role) {
        return given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"Ops " + role + "\",\"roles\":[\"" + role + "\"]}")
                .when().post("/v1/management/clients")
                .then().statusCode(201).extract().jsonPath();
    }

    @Test
    void a_platform_viewer_reads_but_cannot_write() {
        JsonPath viewer = create("platform-viewer");
        String token = TestTokens.bearer(TestTokens.token(viewer.getString("clientId"), viewer.getString("clientSecret")));
        given().header("Authorization", token).when().get("/v1/environments").then().statusCode(200);
        given().header("Authorization", token).when().get("/v1/management/clients").then().statusCode(200);
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body("{\"subdomain\":\"" + TestTenants.uniqueSubdomain("v") + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                .when().post("/v1/tenants").then().statusCode(403);
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"roles\":[\"platform-admin\"]}")
                .when().post("/v1/management/clients").then().statusCode(403);
    }

    @Test
    void a_platform_viewer_holds_every_read_permission_only() {
        create("platform-viewer");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"v\",\"roles\":[\"platform-viewer\"]}")
                .when().post("/v1/management/clients")
                .then().statusCode(201)
                .body("permissions", everyItem(endsWith(":read")))
                .body("permissions", hasItem("tenants:read"));
    }

    @Test
    void a_tenant_role_is_refused_for_a_management_client() {
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"roles\":[\"admin\"]}")
                .when().post("/v1/management/clients")
                .then().statusCode(400)
                .body("details[0].param", equalTo("roles[0]"));
    }

    @Test
    void a_management_client_is_read_patched_rotated_and_deleted() {
        JsonPath created = create("platform-viewer");
        String path = "/v1/management/clients/" + created.getString("clientId");
        given().header("Authorization", admin).when().get(path).then().statusCode(200).body("name", equalTo("Ops platform-viewer"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"roles\":[\"platform-admin\"]}")
                .when().patch(path).then().statusCode(200).body("roles", contains("platform-admin"));
        given().header("Authorization", admin).when().post(path + "/secret").then().statusCode(200)
                .body("clientSecret", startsWith("llsec_"));
        given().header("Authorization", admin).when().delete(path).then().statusCode(204);
        given().header("Authorization", admin).when().get(path).then().statusCode(404);
    }

    @Test
    void a_tenant_client_is_not_a_management_client() {
        JsonPath tenant = TestTenants.create(admin);
        given().header("Authorization", admin).when().get("/v1/management/clients/" + tenant.getString("client.clientId"))
                .then().statusCode(404);
    }

    @Test
    void the_role_catalogue_lists_platform_and_tenant_roles() {
        given().header("Authorization", admin).when().get("/v1/roles")
                .then().statusCode(200)
                .body("data.name", contains("platform-admin", "platform-viewer", "admin", "issuer", "verifier", "viewer"))
                .body("data.find { it.name == 'viewer' }.scope", equalTo("TENANT"));
        given().when().get("/v1/roles").then().statusCode(401);
    }
}
