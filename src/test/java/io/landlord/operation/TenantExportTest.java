package io.landlord.operation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.landlord.support.TestOperations;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v1/tenants/{id}:export runs on the operation machinery; its result is the tenant's bundle. */
@QuarkusTest
class TenantExportTest {

    @Inject
    Pool pool;

    private String admin;
    private JsonPath tenant;
    private String id;

    @BeforeEach
    void createTenant() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        tenant = TestTenants.create(admin);
        id = tenant.getString("id");
    }

    private ValidatableResponse export(String bearer, String tenantId, String body) {
        return TestOperations.post(bearer, "/v1/tenants/" + tenantId + ":export", body);
    }

    private String awaitFinal(String bearer, String operationId) {
        return TestOperations.awaitFinal(bearer, operationId);
    }

    private JsonPath exported(String bearer, String tenantId, String body) {
        String operationId = export(bearer, tenantId, body).statusCode(202)
                .header("Location", matchesPattern(".*/v1/operations/[0-9a-f-]{36}$"))
                .body("status", equalTo("PENDING")).extract().path("id");
        assertEquals("SUCCEEDED", awaitFinal(bearer, operationId));
        return TestOperations.result(bearer, operationId).statusCode(200).extract().jsonPath();
    }

    @Test
    void an_export_gives_the_tenants_configuration_and_sub_tenants_as_a_bundle_without_any_secret() {
        String tenantAdmin = TestTenants.adminBearerOf(tenant);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"type\":\"USERS\",\"quantity\":50,\"contractMode\":\"TRIAL\"}")
                .when().put("/v1/tenants/" + id + "/entitlements").then().statusCode(200);
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON)
                .body("{\"issuer\":\"https://idp.example.com\",\"clientId\":\"sso\",\"clientSecret\":\"idp-secret-not-exported\"}")
                .when().put("/v1/tenants/" + id + "/identity-provider").then().statusCode(200);
        String app = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"productCode\":\"SHOP\",\"packageCode\":\"BASIC\",\"ttlHours\":24}")
                .when().post("/v1/tenants/" + id + "/applications").then().statusCode(201).extract().path("id");
        String apiKey = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"label\":\"gateway\",\"env\":\"prod\"}")
                .when().post("/v1/tenants/" + id + "/applications/" + app + "/keys").then().statusCode(201).extract().path("key");
        TestTenants.create(admin, "{\"name\":\"Shop\",\"subdomain\":\"" + TestTenants.uniqueSubdomain("shop") + "\",\"environmentId\":\""
                + TestTenants.SYDNEY + "\",\"type\":\"client\",\"mainTenantId\":\"" + id + "\"}");

        JsonPath bundle = exported(admin, id, "{}");

        assertEquals("landlord.tenant/v1", bundle.getString("format"));
        assertEquals("Test tenant", bundle.getString("tenant.name"));
        assertEquals(tenant.getString("subdomain").split("\\.")[0], bundle.getString("tenant.subdomain"));
        assertEquals(List.of(tenant.getString("client.clientId")), bundle.getList("tenant.clients.clientId"));
        assertEquals(List.of("admin"), bundle.getList("tenant.clients[0].roles"));
        assertEquals(List.of("USERS"), bundle.getList("tenant.entitlements.type"));
        assertEquals("https://idp.example.com", bundle.getString("tenant.identityProvider.issuer"));
        assertEquals(List.of("gateway"), bundle.getList("tenant.applications[0].apiKeys.label"));
        assertEquals(List.of("Shop"), bundle.getList("tenant.subTenants.name"));
        String text = bundle.prettify();
        for (String secret : List.of(tenant.getString("client.clientSecret"), "idp-secret-not-exported", apiKey, "secretHash", "keyHash")) {
            assertFalse(text.contains(secret), "the bundle holds " + secret);
        }
    }

    @Test
    void an_exports_bundle_can_be_read_again_until_it_expires() {
        String operationId = export(admin, id, "{}").statusCode(202).extract().path("id");
        assertEquals("SUCCEEDED", awaitFinal(admin, operationId));
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", admin).when().get("/v1/operations/" + operationId + "/result")
                    .then().statusCode(200).body("format", equalTo("landlord.tenant/v1"));
        }
        given().header("Authorization", admin).when().get("/v1/operations/" + operationId)
                .then().statusCode(200).body("tenantId", equalTo(id)).body("error", nullValue());
    }

    @Test
    void secret_hashes_are_exported_for_a_platform_admin_only() {
        JsonPath viewer = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"viewer\",\"roles\":[\"platform-viewer\"]}")
                .when().post("/v1/management/clients").then().statusCode(201).extract().jsonPath();
        String viewerBearer = TestTokens.bearer(TestTokens.token(viewer.getString("clientId"), viewer.getString("clientSecret")));
        export(viewerBearer, id, "{\"includeSecretHashes\":true}").statusCode(403);
        export(TestTenants.adminBearerOf(tenant), id, "{\"includeSecretHashes\":true}").statusCode(403);

        JsonPath bundle = exported(admin, id, "{\"includeSecretHashes\":true}");

        byte[] stored = pool.preparedQuery("SELECT secret_hash FROM clients WHERE client_id = $1")
                .execute(Tuple.of(tenant.getString("client.clientId"))).await().indefinitely().iterator().next().getBuffer(0).getBytes();
        assertEquals(Base64.getEncoder().encodeToString(stored), bundle.getString("tenant.clients[0].secretHash"));
    }

    @Test
    void a_tenant_client_exports_its_own_tenant_and_reaches_no_other_tenants_operation() {
        String tenantAdmin = TestTenants.adminBearerOf(tenant);
        JsonPath other = TestTenants.create(admin);
        String otherAdmin = TestTenants.adminBearerOf(other);

        JsonPath bundle = exported(tenantAdmin, id, "{}");
        assertEquals("Test tenant", bundle.getString("tenant.name"));

        String operationId = export(tenantAdmin, id, "{}").statusCode(202).extract().path("id");
        given().header("Authorization", otherAdmin).when().get("/v1/operations/" + operationId).then().statusCode(404);
        given().header("Authorization", otherAdmin).when().get("/v1/operations/" + operationId + "/result").then().statusCode(404);
        export(otherAdmin, id, "{}").statusCode(404);
        given().when().get("/v1/operations/" + operationId).then().statusCode(401);
    }

    @Test
    void the_same_idempotency_key_answers_the_same_export_and_refuses_another_body() {
        String first = given().urlEncodingEnabled(false).header("Authorization", admin).header("Idempotency-Key", "export-" + id)
                .contentType(ContentType.JSON).body("{}").when().post("/v1/tenants/" + id + ":export")
                .then().statusCode(202).extract().path("id");
        given().urlEncodingEnabled(false).header("Authorization", admin).header("Idempotency-Key", "export-" + id)
                .contentType(ContentType.JSON).body("{}").when().post("/v1/tenants/" + id + ":export")
                .then().statusCode(202).body("id", equalTo(first));
        given().urlEncodingEnabled(false).header("Authorization", admin).header("Idempotency-Key", "export-" + id)
                .contentType(ContentType.JSON).body("{\"includeSecretHashes\":true}").when().post("/v1/tenants/" + id + ":export")
                .then().statusCode(422);
        assertEquals(1L, pool.preparedQuery("SELECT count(*) FROM operations WHERE kind = 'TENANT_EXPORT' AND idempotency_key = $1")
                .execute(Tuple.of("export-" + id)).await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void an_unknown_or_deleted_tenant_is_not_exported_and_a_creations_result_is_still_handed_out_once() {
        export(admin, UUID.randomUUID().toString(), "{}").statusCode(404);
        given().header("Authorization", admin).when().delete("/v1/tenants/" + id).then().statusCode(204);
        export(admin, id, "{}").statusCode(404);

        String operationId = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"subdomain\":\"" + TestTenants.uniqueSubdomain("async") + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                .when().post("/v1/async/tenants").then().statusCode(202).extract().path("id");
        assertEquals("SUCCEEDED", awaitFinal(admin, operationId));
        given().header("Authorization", admin).when().get("/v1/operations/" + operationId + "/result")
                .then().statusCode(200).body("client.clientSecret", not(nullValue()));
        given().header("Authorization", admin).when().get("/v1/operations/" + operationId + "/result").then().statusCode(410);
        given().header("Authorization", admin).when().get("/v1/async/tenants/" + operationId + "/createresult").then().statusCode(410);
    }
}
