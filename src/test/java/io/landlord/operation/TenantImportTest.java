package io.landlord.operation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.landlord.support.TestOperations;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v1/tenants:import and POST /v1/tenants/{id}:clone run on the operation machinery, as an export does. */
@QuarkusTest
class TenantImportTest {

    private static final String FRANKFURT_DOMAIN = ".vii.eu01.landlord.test";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    private String admin;

    /** A product tenant with a second client, an entitlement, an identity provider, an application with a key and a sub-tenant. */
    private record Source(String id, String label, String adminClientId, String adminSecret, String issuerClientId,
            String issuerSecret, String apiKey) {
    }

    @BeforeEach
    void adminToken() {
        admin = TestTokens.bearer(TestTokens.adminToken());
    }

    private Source source() {
        JsonPath tenant = TestTenants.create(admin, "{\"name\":\"Acme\",\"subdomain\":\"" + TestTenants.uniqueSubdomain("acme")
                + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\",\"tag\":\"gold\",\"code\":\"AC-1\",\"profile\":{\"tier\":2}}");
        String id = tenant.getString("id");
        JsonPath issuer = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"Issuer\",\"roles\":[\"issuer\"]}")
                .when().post("/v1/tenants/" + id + "/clients").then().statusCode(201).extract().jsonPath();
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"type\":\"USERS\",\"quantity\":50,\"contractMode\":\"TRIAL\"}")
                .when().put("/v1/tenants/" + id + "/entitlements").then().statusCode(200);
        given().header("Authorization", TestTenants.adminBearerOf(tenant)).contentType(ContentType.JSON)
                .body("{\"issuer\":\"https://idp.example.com\",\"clientId\":\"sso\",\"clientSecret\":\"idp-secret\"}")
                .when().put("/v1/tenants/" + id + "/identity-provider").then().statusCode(200);
        String app = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"productCode\":\"SHOP\",\"packageCode\":\"BASIC\",\"ttlHours\":24}")
                .when().post("/v1/tenants/" + id + "/applications").then().statusCode(201).extract().path("id");
        String apiKey = given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"label\":\"gateway\",\"env\":\"prod\"}")
                .when().post("/v1/tenants/" + id + "/applications/" + app + "/keys").then().statusCode(201).extract().path("key");
        TestTenants.create(admin, "{\"name\":\"Shop\",\"subdomain\":\"" + TestTenants.uniqueSubdomain("shop") + "\",\"environmentId\":\""
                + TestTenants.SYDNEY + "\",\"type\":\"client\",\"mainTenantId\":\"" + id + "\"}");
        return new Source(id, tenant.getString("subdomain").split("\\.")[0], tenant.getString("client.clientId"),
                tenant.getString("client.clientSecret"), issuer.getString("clientId"), issuer.getString("clientSecret"), apiKey);
    }

    private String exportOf(String tenantId, String body) {
        return TestOperations.succeeded(admin, "/v1/tenants/" + tenantId + ":export", body).prettify();
    }

    /** The tenant leaves this deployment: its rows (and client ids) go with a purge. */
    private void purge(String tenantId) {
        given().header("Authorization", admin).when().delete("/v1/tenants/" + tenantId + "?cascade=true").then().statusCode(204);
        given().header("Authorization", admin).when().delete("/v1/tenants/" + tenantId + "?purge=true").then().statusCode(204);
    }

    private static String importBody(String bundle, String environmentId) {
        return "{\"bundle\":" + bundle + ",\"environmentId\":\"" + environmentId + "\"}";
    }

    private Map<String, Object> parse(String bundle) throws Exception {
        return json.readValue(bundle, new TypeReference<Map<String, Object>>() { });
    }

    private static int tokenStatus(String clientId, String secret) {
        return given().contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + secret + "\"}")
                .when().post("/oauth/token").then().extract().statusCode();
    }

    private int apiKeyStatus(String key) {
        return TestOperations.post(admin, "/v1/apikeys:verify", "{\"key\":\"" + key + "\"}").extract().statusCode();
    }

    private long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void a_tenant_exported_with_its_secret_hashes_and_imported_into_a_second_environment_is_the_same_tenant_with_working_credentials()
            throws Exception {
        Source source = source();
        String bundle = exportOf(source.id(), "{\"includeSecretHashes\":true}");
        purge(source.id());

        String operationId = TestOperations.post(admin, "/v1/tenants:import", importBody(bundle, TestTenants.FRANKFURT))
                .statusCode(202).extract().path("id");
        assertEquals("SUCCEEDED", TestOperations.awaitFinal(admin, operationId));
        // no secret in it: it can be read again, as a bundle can
        TestOperations.result(admin, operationId).statusCode(200);
        JsonPath imported = TestOperations.result(admin, operationId).statusCode(200).extract().jsonPath();

        assertEquals(source.label() + FRANKFURT_DOMAIN, imported.getString("subdomain"));
        assertEquals(TestTenants.FRANKFURT, imported.getString("environment.id"));
        assertEquals(List.of(), imported.getList("clients.findAll { it.clientSecret != null }"));
        assertEquals(List.of("Shop"), imported.getList("subTenants.name"));
        assertEquals(200, tokenStatus(source.adminClientId(), source.adminSecret()));
        assertEquals(200, tokenStatus(source.issuerClientId(), source.issuerSecret()));
        assertEquals(200, apiKeyStatus(source.apiKey()));
        String reexported = exportOf(imported.getString("id"), "{\"includeSecretHashes\":true}");
        assertEquals(parse(bundle), parse(reexported));
    }

    @Test
    void an_import_without_hashes_reproduces_the_tenant_with_new_secrets_shown_once_and_a_second_read_is_gone() throws Exception {
        Source source = source();
        String bundle = exportOf(source.id(), "{}");
        purge(source.id());

        String operationId = TestOperations.post(admin, "/v1/tenants:import", importBody(bundle, TestTenants.FRANKFURT))
                .statusCode(202).header("Location", matchesPattern(".*/v1/operations/[0-9a-f-]{36}$"))
                .body("status", equalTo("PENDING")).extract().path("id");
        assertEquals("SUCCEEDED", TestOperations.awaitFinal(admin, operationId));
        JsonPath imported = TestOperations.result(admin, operationId).statusCode(200).extract().jsonPath();
        TestOperations.result(admin, operationId).statusCode(410).body("code", equalTo("Gone"));

        assertEquals(List.of(source.adminClientId(), source.issuerClientId()).stream().sorted().toList(),
                imported.getList("clients.clientId", String.class).stream().sorted().toList());
        for (int i = 0; i < 2; i++) {
            assertEquals(200, tokenStatus(imported.getString("clients[" + i + "].clientId"), imported.getString("clients[" + i + "].clientSecret")));
        }
        assertEquals(401, tokenStatus(source.adminClientId(), source.adminSecret()));
        assertEquals(200, tokenStatus(imported.getString("subTenants[0].clients[0].clientId"),
                imported.getString("subTenants[0].clients[0].clientSecret")));
        assertEquals(200, apiKeyStatus(imported.getString("apiKeys[0].key")));
        assertEquals(404, apiKeyStatus(source.apiKey()));
        assertEquals(parse(bundle), parse(exportOf(imported.getString("id"), "{}")));
    }

    @Test
    void a_clone_has_the_tenants_configuration_with_new_client_ids_and_working_new_secrets_shown_once() throws Exception {
        Source source = source();
        String label = TestTenants.uniqueSubdomain("clone");
        String operationId = TestOperations.post(admin, "/v1/tenants/" + source.id() + ":clone",
                "{\"environmentId\":\"" + TestTenants.SYDNEY + "\",\"subdomain\":\"" + label + "\",\"name\":\"Acme copy\"}")
                .statusCode(202).header("Location", matchesPattern(".*/v1/operations/[0-9a-f-]{36}$")).extract().path("id");
        assertEquals("SUCCEEDED", TestOperations.awaitFinal(admin, operationId));
        JsonPath clone = TestOperations.result(admin, operationId).statusCode(200).extract().jsonPath();
        TestOperations.result(admin, operationId).statusCode(410);

        assertEquals("Acme copy", clone.getString("name"));
        assertNotEquals(source.id(), clone.getString("id"));
        List<String> clientIds = clone.getList("clients.clientId");
        assertEquals(2, clientIds.size());
        assertFalse(clientIds.contains(source.adminClientId()) || clientIds.contains(source.issuerClientId()));
        for (int i = 0; i < 2; i++) {
            assertEquals(200, tokenStatus(clientIds.get(i), clone.getString("clients[" + i + "].clientSecret")));
        }
        assertEquals(200, tokenStatus(source.adminClientId(), source.adminSecret()));
        assertEquals(200, apiKeyStatus(clone.getString("apiKeys[0].key")));
        assertEquals(List.of(), clone.getList("subTenants"));

        Map<String, Object> original = parse(exportOf(source.id(), "{}"));
        Map<String, Object> copy = parse(exportOf(clone.getString("id"), "{}"));
        for (Map<String, Object> bundle : List.of(original, copy)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> tenant = (Map<String, Object>) bundle.get("tenant");
            tenant.remove("name");
            tenant.remove("subdomain");
            tenant.remove("subTenants");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> clients = (List<Map<String, Object>>) tenant.get("clients");
            clients.forEach(c -> c.remove("clientId"));
        }
        assertEquals(original, copy);
    }

    @Test
    void a_bundle_that_cannot_be_imported_is_refused_with_each_problem_named_and_nothing_is_written() {
        long importsBefore = count("SELECT count(*) FROM operations WHERE kind = 'TENANT_IMPORT'");
        String label = TestTenants.uniqueSubdomain("bad");

        TestOperations.post(admin, "/v1/tenants:import", "{\"bundle\":{\"format\":\"landlord.tenant/v9\",\"tenant\":{\"subdomain\":\""
                + label + "\",\"type\":\"product\"}},\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                .statusCode(400).body("code", equalTo("BadRequest"))
                .body("details.param", hasItems("bundle.format", "bundle.tenant.name", "bundle.tenant.clients"));

        String taken = TestTenants.create(admin).getString("client.clientId");
        String fresh = "fresh-" + UUID.randomUUID();
        TestOperations.post(admin, "/v1/tenants:import", "{\"bundle\":{\"format\":\"landlord.tenant/v1\",\"tenant\":{\"name\":\"Bad\","
                + "\"subdomain\":\"" + label + "\",\"type\":\"client\",\"clients\":["
                + "{\"clientId\":\"" + taken + "\",\"name\":\"a\",\"roles\":[\"admin\"]},"
                + "{\"clientId\":\"" + fresh + "\",\"name\":\"b\",\"roles\":[\"platform-admin\"]},"
                + "{\"clientId\":\"" + fresh + "\",\"name\":\"c\",\"roles\":[]}],"
                + "\"applications\":[{\"productCode\":\"PROD\",\"packageCode\":\"PACK\",\"ttlHours\":5}],"
                + "\"subTenants\":[{\"name\":\"s\",\"subdomain\":\"" + label + "-s\",\"type\":\"product\",\"clients\":[]}]}},"
                + "\"environmentId\":\"" + UUID.randomUUID() + "\"}")
                .statusCode(400).body("code", equalTo("BadRequest"))
                .body("details.param", hasItems("environmentId", "bundle.tenant.clients[0].clientId", "bundle.tenant.clients[1].roles",
                        "bundle.tenant.clients[2].clientId", "bundle.tenant.type", "bundle.tenant.subTenants[0].type",
                        "bundle.tenant.applications[0].ttlHours"));

        assertEquals(importsBefore, count("SELECT count(*) FROM operations WHERE kind = 'TENANT_IMPORT'"));
        assertEquals(0L, count("SELECT count(*) FROM tenant_rows WHERE subdomain LIKE $1", label + "%"));
        assertEquals(0L, count("SELECT count(*) FROM clients WHERE client_id = $1", fresh));
    }

    @Test
    void an_import_or_a_clone_retried_with_its_idempotency_key_is_the_same_operation_and_another_body_is_refused() {
        JsonPath tenant = TestTenants.create(admin);
        String bundle = exportOf(tenant.getString("id"), "{}");
        purge(tenant.getString("id"));
        String key = "import-" + UUID.randomUUID();
        String body = importBody(bundle, TestTenants.FRANKFURT);

        String first = given().urlEncodingEnabled(false).header("Authorization", admin).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).when().post("/v1/tenants:import").then().statusCode(202).extract().path("id");
        assertEquals("SUCCEEDED", TestOperations.awaitFinal(admin, first));
        // its clients exist now, so a new check would refuse the bundle: the key answers first
        given().urlEncodingEnabled(false).header("Authorization", admin).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).when().post("/v1/tenants:import")
                .then().statusCode(202).body("id", equalTo(first)).body("status", equalTo("SUCCEEDED"));
        given().urlEncodingEnabled(false).header("Authorization", admin).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(importBody(bundle, TestTenants.SYDNEY)).when().post("/v1/tenants:import")
                .then().statusCode(422);

        String cloneKey = "clone-" + UUID.randomUUID();
        String cloneBody = "{\"environmentId\":\"" + TestTenants.SYDNEY + "\",\"subdomain\":\"" + TestTenants.uniqueSubdomain("c") + "\"}";
        String source = TestTenants.create(admin).getString("id");
        String clone = given().urlEncodingEnabled(false).header("Authorization", admin).header("Idempotency-Key", cloneKey)
                .contentType(ContentType.JSON).body(cloneBody).when().post("/v1/tenants/" + source + ":clone")
                .then().statusCode(202).extract().path("id");
        given().urlEncodingEnabled(false).header("Authorization", admin).header("Idempotency-Key", cloneKey)
                .contentType(ContentType.JSON).body(cloneBody).when().post("/v1/tenants/" + source + ":clone")
                .then().statusCode(202).body("id", equalTo(clone));
        assertEquals(1L, count("SELECT count(*) FROM operations WHERE idempotency_key = $1", cloneKey));
        assertEquals("SUCCEEDED", TestOperations.awaitFinal(admin, clone));
    }

    @Test
    void import_and_clone_refuse_a_caller_without_a_token_the_permission_or_reach_and_a_bad_request() {
        JsonPath tenant = TestTenants.create(admin);
        String id = tenant.getString("id");
        String tenantAdmin = TestTenants.adminBearerOf(tenant);
        JsonPath viewer = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"viewer\",\"roles\":[\"platform-viewer\"]}")
                .when().post("/v1/management/clients").then().statusCode(201).extract().jsonPath();
        String viewerBearer = TestTokens.bearer(TestTokens.token(viewer.getString("clientId"), viewer.getString("clientSecret")));
        String bundle = exportOf(id, "{}");
        String cloneBody = "{\"environmentId\":\"" + TestTenants.SYDNEY + "\",\"subdomain\":\"" + TestTenants.uniqueSubdomain("c") + "\"}";

        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(importBody(bundle, TestTenants.SYDNEY))
                .when().post("/v1/tenants:import").then().statusCode(401);
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(cloneBody)
                .when().post("/v1/tenants/" + id + ":clone").then().statusCode(401);
        for (String refused : List.of(tenantAdmin, viewerBearer)) {
            TestOperations.post(refused, "/v1/tenants:import", importBody(bundle, TestTenants.SYDNEY)).statusCode(403);
            TestOperations.post(refused, "/v1/tenants/" + id + ":clone", cloneBody).statusCode(403);
        }
        TestOperations.post(admin, "/v1/tenants/" + UUID.randomUUID() + ":clone", cloneBody).statusCode(404);
        TestOperations.post(admin, "/v1/tenants/" + id + ":clone", "{\"environmentId\":\"" + TestTenants.SYDNEY + "\",\"subdomain\":\"Not Valid\"}")
                .statusCode(400).body("details.param", hasItems("subdomain"));
        TestOperations.post(admin, "/v1/tenants/" + id + ":clone", "{\"environmentId\":\"" + UUID.randomUUID() + "\",\"subdomain\":\"x\"}")
                .statusCode(400).body("details.param", hasItems("environmentId"));

        String cloneOperation = TestOperations.post(admin, "/v1/tenants/" + id + ":clone", cloneBody).statusCode(202).extract().path("id");
        given().header("Authorization", tenantAdmin).when().get("/v1/operations/" + cloneOperation).then().statusCode(404);
        given().header("Authorization", tenantAdmin).when().get("/v1/operations/" + cloneOperation + "/result").then().statusCode(404);
        assertEquals("SUCCEEDED", TestOperations.awaitFinal(admin, cloneOperation));
        assertTrue(count("SELECT count(*) FROM operations WHERE id = $1 AND result_secret IS NOT NULL", UUID.fromString(cloneOperation)) == 1);
        assertNull(given().header("Authorization", admin).when().get("/v1/operations/" + cloneOperation).then().extract().path("error"));
    }
}
