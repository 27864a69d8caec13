package io.landlord.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A delete marks the tenant; a restore within the window brings it back as it was; a purge erases it. */
@QuarkusTest
class TenantDeletionTest {

    @Inject
    Pool pool;

    @Inject
    TenantPurge purge;

    @TestHTTPResource("/")
    URI base;

    private String admin;
    private JsonPath tenant;
    private String id;

    @BeforeEach
    void createTenant() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        tenant = TestTenants.create(admin);
        id = tenant.getString("id");
    }

    private void delete(String tenantId) {
        given().header("Authorization", admin).when().delete("/v1/tenants/" + tenantId).then().statusCode(204);
    }

    private io.restassured.response.ValidatableResponse restore(String tenantId) {
        return given().urlEncodingEnabled(false).header("Authorization", admin).when().post("/v1/tenants/" + tenantId + ":restore").then();
    }

    private io.restassured.response.ValidatableResponse purgeNow(String tenantId) {
        return given().header("Authorization", admin).queryParam("purge", true).when().delete("/v1/tenants/" + tenantId).then();
    }

    private int tokenStatus(JsonPath of) {
        return given().contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + of.getString("client.clientId")
                        + "\",\"client_secret\":\"" + of.getString("client.clientSecret") + "\"}")
                .when().post("/oauth/token").then().extract().statusCode();
    }

    private Row row(String sql, Object... params) {
        var rows = pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    private long count(String sql, Object... params) {
        return row(sql, params).getLong(0);
    }

    private long events(String type, String tenantId) {
        return count("SELECT count(*) FROM event_log WHERE type = $1 AND tenant_id = $2", type, UUID.fromString(tenantId));
    }

    private String subTenantOf(String mainId) {
        return TestTenants.create(admin, "{\"subdomain\":\"" + TestTenants.uniqueSubdomain("sub") + "\",\"environmentId\":\""
                + TestTenants.SYDNEY + "\",\"type\":\"client\",\"mainTenantId\":\"" + mainId + "\"}").getString("id");
    }

    @Test
    void a_deleted_tenant_answers_not_found_everywhere_but_its_rows_stay_until_the_purge() {
        given().urlEncodingEnabled(false).header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"searchByAttributes\":[{\"attribute\":\"subdomain\",\"operator\":\"EQUALS\",\"value\":\""
                        + tenant.getString("subdomain").split("\\.")[0] + "\"}]}")
                .when().post("/v1/tenants:search").then().statusCode(200).body("data.id", hasItem(id));
        delete(id);

        given().header("Authorization", admin).when().get("/v1/tenants/" + id).then().statusCode(404).body("code", equalTo("NotFound"));
        given().header("Authorization", admin).when().get("/v1/tenants/" + id + "/clients").then().statusCode(404);
        given().header("Authorization", admin).when().delete("/v1/tenants/" + id).then().statusCode(404);
        given().urlEncodingEnabled(false).header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"searchByAttributes\":[{\"attribute\":\"subdomain\",\"operator\":\"EQUALS\",\"value\":\""
                        + tenant.getString("subdomain").split("\\.")[0] + "\"}]}")
                .when().post("/v1/tenants:search").then().statusCode(200).body("data.id", not(hasItem(id)));
        Row marks = row("SELECT deleted_at, purge_after, deletion_id FROM tenant_rows WHERE id = $1", UUID.fromString(id));
        assertEquals(Duration.ofDays(30), Duration.between(marks.getOffsetDateTime("deleted_at"), marks.getOffsetDateTime("purge_after")));
        assertEquals(UUID.fromString(id), marks.getUUID("deletion_id"));
        assertEquals(1, count("SELECT count(*) FROM clients WHERE tenant_id = $1", UUID.fromString(id)));
        assertEquals(1, events("TENANT_DELETE_SUCCESS", id));
    }

    @Test
    void a_deleted_tenants_clients_get_no_tokens_and_a_token_issued_before_is_refused_until_the_restore() {
        String issued = TestTenants.adminBearerOf(tenant);
        given().header("Authorization", issued).when().get("/v1/tenants/" + id).then().statusCode(200);
        delete(id);

        assertEquals(401, tokenStatus(tenant));
        given().header("Authorization", issued).when().get("/v1/tenants/" + id).then().statusCode(401).body("code", equalTo("Unauthorized"));

        restore(id).statusCode(200).body("id", equalTo(id)).body("deletedAt", nullValue());
        given().header("Authorization", issued).when().get("/v1/tenants/" + id).then().statusCode(200).body("id", equalTo(id));
        assertEquals(200, tokenStatus(tenant));
    }

    @Test
    void a_delete_made_through_another_instance_refuses_the_tenants_tokens_here_within_the_lock_interval() {
        String issued = TestTenants.adminBearerOf(tenant);
        Instant now = Instant.now();
        pool.preparedQuery("UPDATE tenant_rows SET deleted_at = now(), purge_after = now() + interval '30 days', deletion_id = id"
                + " WHERE id = $1").execute(Tuple.of(UUID.fromString(id))).await().indefinitely();

        Instant deadline = now.plusSeconds(4);
        int status;
        do {
            status = given().header("Authorization", issued).when().get("/v1/tenants/" + id).then().extract().statusCode();
        } while (status != 401 && Instant.now().isBefore(deadline));
        assertEquals(401, status, "refused within the reload interval (2 s) and a margin");
    }

    @Test
    void a_restore_brings_back_clients_with_their_secrets_entitlements_and_identity_provider() {
        String tenantAdmin = TestTenants.adminBearerOf(tenant);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"type\":\"USERS\",\"quantity\":50,\"contractMode\":\"TRIAL\"}")
                .when().put("/v1/tenants/" + id + "/entitlements").then().statusCode(200);
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON)
                .body("{\"issuer\":\"https://idp.example.com\",\"clientId\":\"sso\",\"clientSecret\":\"s3cret\"}")
                .when().put("/v1/tenants/" + id + "/identity-provider").then().statusCode(200);
        delete(id);

        restore(id).statusCode(200)
                .body("id", equalTo(id))
                .body("subdomain", equalTo(tenant.getString("subdomain")))
                .body("name", equalTo("Test tenant"))
                .body("deletedAt", nullValue())
                .body("purgeAfter", nullValue());

        assertEquals(200, tokenStatus(tenant));
        given().header("Authorization", admin).when().get("/v1/tenants/" + id + "/entitlements")
                .then().statusCode(200).body("data.type", hasItem("USERS"));
        given().header("Authorization", admin).when().get("/v1/tenants/" + id + "/identity-provider")
                .then().statusCode(200).body("issuer", equalTo("https://idp.example.com"));
        assertNull(row("SELECT deleted_at FROM tenant_rows WHERE id = $1", UUID.fromString(id)).getOffsetDateTime(0));
        assertEquals(1, events("TENANT_RESTORE_SUCCESS", id));
    }

    @Test
    void restoring_a_live_tenant_is_a_conflict_and_an_unknown_one_is_not_found() {
        restore(id).statusCode(409).body("type", equalTo("TenantNotDeleted"));
        restore(UUID.randomUUID().toString()).statusCode(404).body("code", equalTo("NotFound"));
    }

    @Test
    void a_tenant_past_its_restore_window_is_not_found_to_a_restore() {
        delete(id);
        pool.preparedQuery("UPDATE tenant_rows SET deleted_at = now() - interval '31 days', purge_after = now() - interval '1 day'"
                + " WHERE id = $1").execute(Tuple.of(UUID.fromString(id))).await().indefinitely();

        restore(id).statusCode(404);
        assertNotNull(row("SELECT deleted_at FROM tenant_rows WHERE id = $1", UUID.fromString(id)).getOffsetDateTime(0));
    }

    @Test
    void of_parallel_restores_exactly_one_brings_the_tenant_back_and_the_others_conflict() {
        delete(id);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(base.resolve("/v1/tenants/" + id + ":restore"))
                    .header("Authorization", admin).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Long> statuses = calls.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));

        assertEquals(Map.of(200, 1L, 409, 11L), statuses);
        assertEquals(1, events("TENANT_RESTORE_SUCCESS", id));
    }

    @Test
    void a_cascaded_delete_is_restored_with_its_sub_tenants_and_only_through_the_main_tenant() {
        String sub = subTenantOf(id);
        String deletedBefore = subTenantOf(id);
        delete(deletedBefore);
        given().header("Authorization", admin).queryParam("cascade", true).when().delete("/v1/tenants/" + id).then().statusCode(204);
        given().header("Authorization", admin).when().get("/v1/tenants/" + sub).then().statusCode(404);

        restore(sub).statusCode(409).body("type", equalTo("DeletedWithMainTenant"));
        restore(id).statusCode(200);

        given().header("Authorization", admin).when().get("/v1/tenants/" + sub).then().statusCode(200).body("mainTenantId", equalTo(id));
        given().header("Authorization", admin).when().get("/v1/tenants/" + deletedBefore).then().statusCode(404);
        restore(deletedBefore).statusCode(200);
    }

    @Test
    void a_sub_tenant_of_a_deleted_main_tenant_is_not_restored_before_it() {
        String sub = subTenantOf(id);
        delete(sub);
        delete(id);

        restore(sub).statusCode(409).body("type", equalTo("MainTenantDeleted"));
        restore(id).statusCode(200);
        restore(sub).statusCode(200);
    }

    @Test
    void a_deleted_tenants_subdomain_is_held_until_the_purge_and_free_after_it() {
        String label = tenant.getString("subdomain").split("\\.")[0];
        String body = "{\"subdomain\":\"" + label + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}";
        delete(id);
        String purgeAfter = given().header("Authorization", admin).queryParam("deleted", true).queryParam("limit", 1000)
                .when().get("/v1/tenants").then().statusCode(200)
                .extract().jsonPath().getString("data.find { it.id == '" + id + "' }.purgeAfter");

        given().header("Authorization", admin).contentType(ContentType.JSON).body(body)
                .when().post("/v1/tenants").then().statusCode(409)
                .body("code", equalTo("Conflict"))
                .body("message", containsString("held by a deleted tenant until " + Instant.parse(purgeAfter)))
                .body("details[0].param", equalTo("subdomain"));

        purgeNow(id).statusCode(204);
        assertNull(row("SELECT id FROM tenant_rows WHERE id = $1", UUID.fromString(id)));
        assertEquals(0, count("SELECT count(*) FROM clients WHERE tenant_id = $1", UUID.fromString(id)));
        assertEquals(1, events("TENANT_PURGE", id));
        restore(id).statusCode(404);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(body)
                .when().post("/v1/tenants").then().statusCode(201);
    }

    @Test
    void only_a_deleted_tenant_is_purged_and_only_with_the_purge_permission() {
        purgeNow(id).statusCode(409).body("type", equalTo("TenantNotDeleted"));
        purgeNow(UUID.randomUUID().toString()).statusCode(404);
        JsonPath viewer = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"viewer\",\"roles\":[\"platform-viewer\"]}")
                .when().post("/v1/management/clients").then().statusCode(201).extract().jsonPath();
        String viewerBearer = TestTokens.bearer(TestTokens.token(viewer.getString("clientId"), viewer.getString("clientSecret")));
        delete(id);

        given().header("Authorization", viewerBearer).queryParam("purge", true).when().delete("/v1/tenants/" + id).then().statusCode(403);
        given().urlEncodingEnabled(false).header("Authorization", viewerBearer).when().post("/v1/tenants/" + id + ":restore").then().statusCode(403);
        assertNotNull(row("SELECT id FROM tenant_rows WHERE id = $1", UUID.fromString(id)));
    }

    @Test
    void the_scheduled_purge_erases_tenants_past_their_window_with_their_sub_tenants_and_one_event_each() {
        String sub = subTenantOf(id);
        JsonPath recent = TestTenants.create(admin);
        given().header("Authorization", admin).queryParam("cascade", true).when().delete("/v1/tenants/" + id).then().statusCode(204);
        delete(recent.getString("id"));
        pool.preparedQuery("UPDATE tenant_rows SET deleted_at = now() - interval '31 days', purge_after = now() - interval '1 day'"
                + " WHERE deletion_id = $1").execute(Tuple.of(UUID.fromString(id))).await().indefinitely();

        int purged = purge.purgeDue().await().atMost(Duration.ofSeconds(30));

        assertTrue(purged >= 2, "purged " + purged);
        assertEquals(0, count("SELECT count(*) FROM tenant_rows WHERE id = ANY ($1)", (Object) new UUID[] {
                UUID.fromString(id), UUID.fromString(sub) }));
        assertEquals(1, events("TENANT_PURGE", id));
        assertEquals(1, events("TENANT_PURGE", sub));
        restore(recent.getString("id")).statusCode(200);
    }

    @Test
    void management_clients_list_deleted_tenants_with_their_purge_time_in_keyset_pages() {
        JsonPath second = TestTenants.create(admin);
        delete(id);
        delete(second.getString("id"));
        given().header("Authorization", admin).when().get("/v1/tenants?limit=1000")
                .then().statusCode(200).body("data.id", not(hasItem(id)));

        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().header("Authorization", admin).queryParam("deleted", true).queryParam("limit", 2);
            if (cursor != null) {
                page.queryParam("cursor", cursor);
            }
            JsonPath body = page.when().get("/v1/tenants").then().statusCode(200)
                    .body("data.deletedAt", not(hasItem(nullValue())))
                    .body("data.purgeAfter", not(hasItem(nullValue())))
                    .extract().jsonPath();
            walked.addAll(body.getList("data.id"));
            cursor = body.getString("nextCursor");
        } while (cursor != null);

        assertTrue(walked.containsAll(List.of(id, second.getString("id"))));
        assertEquals(walked.size(), walked.stream().distinct().count());
    }

    @Test
    void a_tenant_client_sees_no_deleted_tenants_and_reaches_no_other_tenant() {
        JsonPath other = TestTenants.create(admin);
        String otherAdmin = TestTenants.adminBearerOf(other);
        delete(id);

        given().header("Authorization", otherAdmin).queryParam("deleted", true).when().get("/v1/tenants").then().statusCode(403);
        given().header("Authorization", otherAdmin).when().get("/v1/tenants/" + id).then().statusCode(404);
        given().urlEncodingEnabled(false).header("Authorization", otherAdmin).when().post("/v1/tenants/" + id + ":restore").then().statusCode(403);
        given().header("Authorization", otherAdmin).queryParam("purge", true).when().delete("/v1/tenants/" + id).then().statusCode(403);
        given().urlEncodingEnabled(false).when().post("/v1/tenants/" + id + ":restore").then().statusCode(401);
        given().header("Authorization", admin).when().get("/v1/tenants/" + id).then().statusCode(404).body("deletedAt", nullValue());
        restore(id).statusCode(200).body("locked", equalTo(false)).body("createdAt", notNullValue());
    }
}
