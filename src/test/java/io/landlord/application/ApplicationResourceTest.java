package io.landlord.application;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApplicationResourceTest {

    static final String APP = "{\"productCode\":\"DSBRD\",\"packageCode\":\"DSBRD_MAIN\",\"description\":\"Dashboard\",\"ttlHours\":24}";

    private String admin;
    private JsonPath tenant;
    private String tenantId;

    @BeforeEach
    void createTenant() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        tenant = TestTenants.create(admin);
        tenantId = tenant.getString("id");
    }

    static String createApplication(String bearer, String tenantId) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(APP)
                .when().post("/v1/tenants/" + tenantId + "/applications")
                .then().statusCode(201).extract().path("id");
    }

    private String apps() {
        return "/v1/tenants/" + tenantId + "/applications";
    }

    @Test
    void an_application_is_created_read_changed_and_deleted() {
        String id = given().header("Authorization", admin).contentType(ContentType.JSON).body(APP)
                .when().post(apps())
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString(apps() + "/"))
                .body("tenantId", equalTo(tenantId))
                .body("productCode", equalTo("DSBRD"))
                .body("packageCode", equalTo("DSBRD_MAIN"))
                .body("description", equalTo("Dashboard"))
                .body("ttlHours", equalTo(24))
                .body("createdAt", notNullValue())
                .extract().path("id");
        given().header("Authorization", admin).when().get(apps() + "/" + id).then().statusCode(200).body("id", equalTo(id));
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"ttlHours\":168,\"packageCode\":\"DSBRD_PRO\"}")
                .when().patch(apps() + "/" + id)
                .then().statusCode(200).body("ttlHours", equalTo(168)).body("packageCode", equalTo("DSBRD_PRO"))
                .body("productCode", equalTo("DSBRD"));
        given().header("Authorization", admin).when().delete(apps() + "/" + id).then().statusCode(204);
        given().header("Authorization", admin).when().get(apps() + "/" + id).then().statusCode(404);
        given().header("Authorization", admin).when().delete(apps() + "/" + id).then().statusCode(404);
    }

    @Test
    void applications_are_listed_page_by_page() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(createApplication(admin, tenantId));
        }
        List<String> seen = new ArrayList<>();
        String cursor = "";
        do {
            JsonPath page = given().header("Authorization", admin).queryParam("limit", 2).queryParam("cursor", cursor)
                    .when().get(apps()).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("data.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(created, seen);
        given().header("Authorization", admin).queryParam("cursor", "garbage").when().get(apps())
                .then().statusCode(400).body("details[0].param", equalTo("cursor"));
    }

    @Test
    void a_ttl_outside_the_soajs_values_or_a_bad_code_is_a_bad_request() {
        for (String body : new String[] {
                "{\"productCode\":\"DSBRD\",\"packageCode\":\"DSBRD_MAIN\",\"ttlHours\":7}",
                "{\"productCode\":\"DSBRD\",\"packageCode\":\"DSBRD_MAIN\"}",
                "{\"productCode\":\"has space\",\"packageCode\":\"DSBRD_MAIN\",\"ttlHours\":6}",
                "{\"packageCode\":\"DSBRD_MAIN\",\"ttlHours\":6}" }) {
            given().header("Authorization", admin).contentType(ContentType.JSON).body(body)
                    .when().post(apps()).then().statusCode(400).body("code", equalTo("BadRequest"));
        }
        String id = createApplication(admin, tenantId);
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"ttlHours\":0}")
                .when().patch(apps() + "/" + id).then().statusCode(400).body("details[0].param", equalTo("ttlHours"));
    }

    @Test
    void a_tenant_admin_manages_its_own_applications_and_a_viewer_only_reads_them() {
        String tenantAdmin = TestTenants.adminBearerOf(tenant);
        String id = createApplication(tenantAdmin, tenantId);
        String viewer = TestTenants.clientBearer(tenantAdmin, tenantId, "viewer");
        given().header("Authorization", viewer).when().get(apps() + "/" + id).then().statusCode(200);
        given().header("Authorization", viewer).contentType(ContentType.JSON).body(APP).when().post(apps()).then().statusCode(403);
        given().header("Authorization", viewer).contentType(ContentType.JSON).body("{\"ttlHours\":6}")
                .when().patch(apps() + "/" + id).then().statusCode(403);
        given().header("Authorization", viewer).when().delete(apps() + "/" + id).then().statusCode(403);
        given().when().get(apps()).then().statusCode(401);
    }

    @Test
    void another_tenants_applications_are_not_found() {
        String otherTenant = TestTenants.create(admin).getString("id");
        String otherApp = createApplication(admin, otherTenant);
        String tenantAdmin = TestTenants.adminBearerOf(tenant);
        String otherApps = "/v1/tenants/" + otherTenant + "/applications";
        given().header("Authorization", tenantAdmin).when().get(otherApps).then().statusCode(404);
        given().header("Authorization", tenantAdmin).when().get(otherApps + "/" + otherApp).then().statusCode(404);
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON).body(APP).when().post(otherApps).then().statusCode(404);
        given().header("Authorization", tenantAdmin).when().delete(otherApps + "/" + otherApp).then().statusCode(404);
        // nor under the caller's own tenant
        given().header("Authorization", tenantAdmin).when().get(apps() + "/" + otherApp).then().statusCode(404);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(APP)
                .when().post("/v1/tenants/" + UUID.randomUUID() + "/applications").then().statusCode(404);
    }
}
