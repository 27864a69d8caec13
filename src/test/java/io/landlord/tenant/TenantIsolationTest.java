package io.landlord.tenant;

import static io.restassured.RestAssured.given;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The isolation matrix: tenant A's admin against every tenant-scoped endpoint of tenant B (404, so ids do not
 * leak), tenant clients against management endpoints (403), and a viewer against every write (403).
 */
@QuarkusTest
class TenantIsolationTest {

    /** One endpoint: a name for the report and how to call it for a tenant id and one of its client ids. */
    record Endpoint(String name, BiFunction<RequestSpecification, String[], io.restassured.response.Response> call) {
    }

    private String admin;
    private JsonPath tenantA;
    private JsonPath tenantB;

    @BeforeEach
    void createTenants() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        tenantA = TestTenants.create(admin);
        tenantB = TestTenants.create(admin);
    }

    private static final String CLIENT_BODY = "{\"name\":\"x\",\"roles\":[\"viewer\"]}";
    private static final String APPLICATION_BODY = "{\"productCode\":\"P\",\"packageCode\":\"P_1\",\"ttlHours\":6}";

    /** Tenant-scoped endpoints; args[0] = tenant id, args[1] = a client id of that tenant. */
    private static List<Endpoint> tenantScoped() {
        return List.of(
                new Endpoint("GET tenant", (r, a) -> r.get("/v1/tenants/" + a[0])),
                new Endpoint("PATCH tenant", (r, a) -> r.contentType(ContentType.JSON).body("{\"name\":\"hijacked\"}").patch("/v1/tenants/" + a[0])),
                new Endpoint("DELETE tenant", (r, a) -> r.delete("/v1/tenants/" + a[0])),
                new Endpoint("GET identity provider", (r, a) -> r.get("/v1/tenants/" + a[0] + "/identity-provider")),
                new Endpoint("PUT identity provider", (r, a) -> r.contentType(ContentType.JSON)
                        .body("{\"issuer\":\"https://idp.example\",\"clientId\":\"x\"}").put("/v1/tenants/" + a[0] + "/identity-provider")),
                new Endpoint("GET subtenants", (r, a) -> r.get("/v1/tenants/" + a[0] + "/subtenants")),
                new Endpoint("GET applications", (r, a) -> r.get("/v1/tenants/" + a[0] + "/applications")),
                new Endpoint("POST application", (r, a) -> r.contentType(ContentType.JSON).body(APPLICATION_BODY)
                        .post("/v1/tenants/" + a[0] + "/applications")),
                new Endpoint("PATCH application", (r, a) -> r.contentType(ContentType.JSON).body("{\"ttlHours\":6}")
                        .patch("/v1/tenants/" + a[0] + "/applications/" + UUID.randomUUID())),
                new Endpoint("DELETE application", (r, a) -> r.delete("/v1/tenants/" + a[0] + "/applications/" + UUID.randomUUID())),
                new Endpoint("POST api key", (r, a) -> r.contentType(ContentType.JSON).body("{\"env\":\"DEV\"}")
                        .post("/v1/tenants/" + a[0] + "/applications/" + UUID.randomUUID() + "/keys")),
                new Endpoint("GET clients", (r, a) -> r.get("/v1/tenants/" + a[0] + "/clients")),
                new Endpoint("POST client", (r, a) -> r.contentType(ContentType.JSON).body(CLIENT_BODY).post("/v1/tenants/" + a[0] + "/clients")),
                new Endpoint("GET client", (r, a) -> r.get("/v1/tenants/" + a[0] + "/clients/" + a[1])),
                new Endpoint("PATCH client", (r, a) -> r.contentType(ContentType.JSON).body("{\"name\":\"y\"}").patch("/v1/tenants/" + a[0] + "/clients/" + a[1])),
                new Endpoint("DELETE client", (r, a) -> r.delete("/v1/tenants/" + a[0] + "/clients/" + a[1])),
                new Endpoint("POST client secret", (r, a) -> r.post("/v1/tenants/" + a[0] + "/clients/" + a[1] + "/secret")));
    }

    private static List<Endpoint> managementOnly() {
        return List.of(
                new Endpoint("GET tenants", (r, a) -> r.get("/v1/tenants")),
                new Endpoint("POST tenant", (r, a) -> r.contentType(ContentType.JSON)
                        .body("{\"subdomain\":\"" + TestTenants.uniqueSubdomain("m") + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                        .post("/v1/tenants")),
                new Endpoint("GET environments", (r, a) -> r.get("/v1/environments")),
                new Endpoint("GET management clients", (r, a) -> r.get("/v1/management/clients")),
                new Endpoint("POST management client", (r, a) -> r.contentType(ContentType.JSON)
                        .body("{\"name\":\"x\",\"roles\":[\"platform-admin\"]}").post("/v1/management/clients")));
    }

    private static void expectEverywhere(List<Endpoint> endpoints, String bearer, String[] args, int status) {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            int actual = endpoint.call().apply(given().header("Authorization", bearer), args).statusCode();
            if (actual != status) {
                wrong.add(endpoint.name() + " -> " + actual);
            }
        }
        assertEquals(List.of(), wrong, "expected " + status + " everywhere");
    }

    @Test
    void a_tenant_admin_gets_not_found_for_every_endpoint_of_another_tenant() {
        String adminOfA = TestTenants.adminBearerOf(tenantA);
        List<Endpoint> permitted = tenantScoped().stream().filter(e -> !e.name().equals("DELETE tenant")).toList();
        expectEverywhere(permitted, adminOfA, new String[] { tenantB.getString("id"), tenantB.getString("client.clientId") }, 404);
        // a tenant admin may not delete tenants at all: the same 403 for its own and another's, so nothing leaks
        given().header("Authorization", adminOfA).when().delete("/v1/tenants/" + tenantB.getString("id")).then().statusCode(403);
        given().header("Authorization", adminOfA).when().delete("/v1/tenants/" + tenantA.getString("id")).then().statusCode(403);
        given().header("Authorization", admin).when().get("/v1/tenants/" + tenantB.getString("id"))
                .then().statusCode(200).body("name", org.hamcrest.Matchers.equalTo("Test tenant"));
    }

    @Test
    void a_tenant_admin_is_forbidden_on_management_endpoints() {
        expectEverywhere(managementOnly(), TestTenants.adminBearerOf(tenantA), new String[0], 403);
    }

    @Test
    void a_tenant_viewer_is_forbidden_on_every_write_of_its_own_tenant() {
        String viewer = TestTenants.clientBearer(TestTenants.adminBearerOf(tenantA), tenantA.getString("id"), "viewer");
        List<Endpoint> writes = tenantScoped().stream().filter(e -> !e.name().startsWith("GET")).toList();
        expectEverywhere(writes, viewer, new String[] { tenantA.getString("id"), tenantA.getString("client.clientId") }, 403);
        given().header("Authorization", viewer).when().get("/v1/tenants/" + tenantA.getString("id")).then().statusCode(200);
    }
}
