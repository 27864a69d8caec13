package io.landlord.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
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
class SubTenantTest {

    private String admin;
    private JsonPath main;
    private String mainId;

    @BeforeEach
    void createMainTenant() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        main = TestTenants.create(admin);
        mainId = main.getString("id");
    }

    private JsonPath createSubTenant(String mainTenantId) {
        return TestTenants.create(admin, "{\"name\":\"Sub\",\"subdomain\":\"" + TestTenants.uniqueSubdomain("sub")
                + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\",\"type\":\"client\",\"mainTenantId\":\"" + mainTenantId
                + "\",\"profile\":{\"secretPlan\":\"internal\"}}");
    }

    @Test
    void a_main_tenants_sub_tenants_are_listed_page_by_page() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(createSubTenant(mainId).getString("id"));
        }
        createSubTenant(TestTenants.create(admin).getString("id")); // another main tenant's: not listed
        List<String> seen = new ArrayList<>();
        String cursor = "";
        do {
            JsonPath page = given().header("Authorization", admin).queryParam("limit", 2).queryParam("cursor", cursor)
                    .when().get("/v1/tenants/" + mainId + "/subtenants")
                    .then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("data.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(created, seen);
        given().header("Authorization", admin).queryParam("limit", 0).when().get("/v1/tenants/" + mainId + "/subtenants")
                .then().statusCode(400).body("details[0].param", equalTo("limit"));
        given().header("Authorization", admin).when().get("/v1/tenants/" + UUID.randomUUID() + "/subtenants").then().statusCode(404);
    }

    @Test
    void a_main_tenants_admin_reads_its_sub_tenants_public_data() {
        String subId = createSubTenant(mainId).getString("id");
        String mainAdmin = TestTenants.adminBearerOf(main);
        given().header("Authorization", mainAdmin).when().get("/v1/tenants/" + mainId + "/subtenants")
                .then().statusCode(200).body("data[0].id", equalTo(subId)).body("data[0]", not(hasKey("profile")));
        given().header("Authorization", mainAdmin).when().get("/v1/tenants/" + mainId + "/subtenants/" + subId)
                .then().statusCode(200)
                .body("name", equalTo("Sub"))
                .body("type", equalTo("client"))
                .body("mainTenantId", equalTo(mainId))
                .body("$", not(hasKey("profile")));
    }

    @Test
    void a_main_tenants_admin_cannot_change_or_enter_its_sub_tenants() {
        String subId = createSubTenant(mainId).getString("id");
        String mainAdmin = TestTenants.adminBearerOf(main);
        given().header("Authorization", mainAdmin).contentType(ContentType.JSON).body("{\"name\":\"hijacked\"}")
                .when().patch("/v1/tenants/" + subId).then().statusCode(404);
        given().header("Authorization", mainAdmin).when().get("/v1/tenants/" + subId).then().statusCode(404);
        given().header("Authorization", mainAdmin).when().get("/v1/tenants/" + subId + "/clients").then().statusCode(404);
        given().header("Authorization", mainAdmin).contentType(ContentType.JSON).body("{\"name\":\"x\",\"roles\":[\"admin\"]}")
                .when().post("/v1/tenants/" + subId + "/clients").then().statusCode(404);
        given().header("Authorization", admin).when().get("/v1/tenants/" + subId).then().statusCode(200).body("name", equalTo("Sub"));
    }

    @Test
    void a_sub_tenant_cannot_read_its_main_tenant_or_its_siblings() {
        JsonPath sub = createSubTenant(mainId);
        String sibling = createSubTenant(mainId).getString("id");
        String subAdmin = TestTenants.adminBearerOf(sub);
        given().header("Authorization", subAdmin).when().get("/v1/tenants/" + mainId + "/subtenants").then().statusCode(404);
        given().header("Authorization", subAdmin).when().get("/v1/tenants/" + mainId + "/subtenants/" + sibling).then().statusCode(404);
        given().header("Authorization", subAdmin).when().get("/v1/tenants/" + mainId).then().statusCode(404);
        given().header("Authorization", subAdmin).when().get("/v1/tenants/" + sub.getString("id") + "/subtenants")
                .then().statusCode(200).body("data.size()", equalTo(0)).body("nextCursor", nullValue());
    }

    @Test
    void another_main_tenants_sub_tenant_is_not_found_under_this_one() {
        String foreignSub = createSubTenant(TestTenants.create(admin).getString("id")).getString("id");
        given().header("Authorization", admin).when().get("/v1/tenants/" + mainId + "/subtenants/" + foreignSub).then().statusCode(404);
        given().when().get("/v1/tenants/" + mainId + "/subtenants").then().statusCode(401);
    }

    @Test
    void deleting_a_main_tenant_with_sub_tenants_is_a_conflict_unless_cascaded() {
        String subId = createSubTenant(mainId).getString("id");
        given().header("Authorization", admin).when().delete("/v1/tenants/" + mainId)
                .then().statusCode(409).body("code", equalTo("Conflict")).body("message", containsString("cascade=true"));
        given().header("Authorization", admin).when().get("/v1/tenants/" + subId).then().statusCode(200);
        given().header("Authorization", admin).queryParam("cascade", true).when().delete("/v1/tenants/" + mainId).then().statusCode(204);
        given().header("Authorization", admin).when().get("/v1/tenants/" + mainId).then().statusCode(404);
        given().header("Authorization", admin).when().get("/v1/tenants/" + subId).then().statusCode(404);
    }

    @Test
    void a_main_tenant_without_sub_tenants_is_deleted_without_cascade() {
        given().header("Authorization", admin).when().delete("/v1/tenants/" + mainId).then().statusCode(204);
    }
}
