package io.landlord.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantResourceTest {

    @Inject
    Pool pool;

    private String admin;

    @BeforeEach
    void authenticate() {
        admin = TestTokens.bearer(TestTokens.adminToken());
    }

    private long count(String sql, Object param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void creating_a_tenant_returns_it_with_its_full_host_environment_and_one_time_admin_secret() {
        String subdomain = TestTenants.uniqueSubdomain("acme");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"Acme\",\"subdomain\":\"" + subdomain + "\",\"environmentId\":\"" + TestTenants.SYDNEY
                        + "\",\"description\":\"first\",\"tag\":\"gold\",\"code\":\"ACME\",\"profile\":{\"plan\":\"pro\"}}")
                .when().post("/v1/tenants")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.matchesPattern(".*/v1/tenants/[0-9a-f-]{36}$"))
                .body("name", equalTo("Acme"))
                .body("subdomain", equalTo(subdomain + ".vii.au01.landlord.test"))
                .body("environment.id", equalTo(TestTenants.SYDNEY))
                .body("environment.region.name", equalTo("au01"))
                .body("type", equalTo("product"))
                .body("locked", equalTo(false))
                .body("profile.plan", equalTo("pro"))
                .body("createdAt", notNullValue())
                .body("client.clientId", notNullValue())
                .body("client.clientSecret", startsWith("llsec_"))
                .body("client.roles", hasItem("admin"))
                .body("client.permissions", hasItems("tenants:read", "clients:create"));
    }

    @Test
    void the_default_client_secret_is_stored_only_as_a_hash() {
        JsonPath tenant = TestTenants.create(admin);
        String secret = tenant.getString("client.clientSecret");
        long plaintextCopies = count("SELECT count(*) FROM clients WHERE encode(secret_hash, 'escape') LIKE '%' || $1 || '%'", secret);
        assertEquals(0, plaintextCopies);
        assertEquals(1, count("SELECT count(*) FROM clients WHERE tenant_id = $1", UUID.fromString(tenant.getString("id"))));
    }

    @Test
    void a_tenant_is_read_without_its_client_secret() {
        JsonPath tenant = TestTenants.create(admin);
        given().header("Authorization", admin)
                .when().get("/v1/tenants/" + tenant.getString("id"))
                .then().statusCode(200)
                .body("id", equalTo(tenant.getString("id")))
                .body("subdomain", equalTo(tenant.getString("subdomain")))
                .body("$", not(hasKey("client")));
    }

    @Test
    void a_taken_subdomain_in_the_same_environment_is_a_conflict() {
        String subdomain = TestTenants.uniqueSubdomain("dup");
        String body = "{\"name\":\"One\",\"subdomain\":\"" + subdomain + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}";
        TestTenants.create(admin, body);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(body)
                .when().post("/v1/tenants")
                .then().statusCode(409)
                .body("code", equalTo("Conflict"))
                .body("details[0].param", equalTo("subdomain"));
        assertEquals(1, count("SELECT count(*) FROM tenants WHERE subdomain = $1", subdomain));
    }

    @Test
    void the_same_subdomain_in_another_environment_is_allowed() {
        String subdomain = TestTenants.uniqueSubdomain("twin");
        TestTenants.create(admin, "{\"subdomain\":\"" + subdomain + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}");
        TestTenants.create(admin, "{\"subdomain\":\"" + subdomain + "\",\"environmentId\":\"" + TestTenants.FRANKFURT + "\"}");
    }

    @Test
    void invalid_input_lists_every_bad_field() {
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"subdomain\":\"Bad_Sub\",\"type\":\"galaxy\"}")
                .when().post("/v1/tenants")
                .then().statusCode(400)
                .body("type", equalTo("ValidationError"))
                .body("details.param", hasItems("name", "subdomain", "environmentId", "type"));
    }

    @Test
    void an_unknown_environment_is_a_bad_request_on_environment_id() {
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"subdomain\":\"" + TestTenants.uniqueSubdomain("x") + "\",\"environmentId\":\"" + UUID.randomUUID() + "\"}")
                .when().post("/v1/tenants")
                .then().statusCode(400)
                .body("details[0].param", equalTo("environmentId"))
                .body("details[0].location", equalTo("body"));
    }

    @Test
    void a_malformed_environment_id_is_a_bad_request() {
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"subdomain\":\"ok\",\"environmentId\":\"not-a-uuid\"}")
                .when().post("/v1/tenants")
                .then().statusCode(400)
                .body("details[0].param", equalTo("environmentId"));
    }

    @Test
    void a_product_tenant_cannot_have_a_main_tenant() {
        JsonPath main = TestTenants.create(admin);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"subdomain\":\"" + TestTenants.uniqueSubdomain("sub") + "\",\"environmentId\":\"" + TestTenants.SYDNEY
                        + "\",\"mainTenantId\":\"" + main.getString("id") + "\"}")
                .when().post("/v1/tenants")
                .then().statusCode(400)
                .body("details[0].param", equalTo("mainTenantId"));
    }

    @Test
    void a_client_tenant_joins_a_product_main_tenant_of_its_environment() {
        JsonPath main = TestTenants.create(admin);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"subdomain\":\"" + TestTenants.uniqueSubdomain("sub") + "\",\"environmentId\":\"" + TestTenants.SYDNEY
                        + "\",\"type\":\"client\",\"mainTenantId\":\"" + main.getString("id") + "\"}")
                .when().post("/v1/tenants")
                .then().statusCode(201)
                .body("type", equalTo("client"))
                .body("mainTenantId", equalTo(main.getString("id")));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"subdomain\":\"" + TestTenants.uniqueSubdomain("sub") + "\",\"environmentId\":\"" + TestTenants.FRANKFURT
                        + "\",\"type\":\"client\",\"mainTenantId\":\"" + main.getString("id") + "\"}")
                .when().post("/v1/tenants")
                .then().statusCode(400)
                .body("details[0].param", equalTo("mainTenantId"));
    }

    @Test
    void patching_a_tenant_merges_the_profile_and_clears_null_members() {
        JsonPath tenant = TestTenants.create(admin, "{\"subdomain\":\"" + TestTenants.uniqueSubdomain("p") + "\",\"environmentId\":\""
                + TestTenants.SYDNEY + "\",\"tag\":\"old\",\"profile\":{\"a\":1,\"nested\":{\"x\":1,\"y\":2}}}");
        given().header("Authorization", admin).contentType("application/merge-patch+json")
                .body("{\"name\":\"Renamed\",\"tag\":null,\"description\":\"now described\",\"profile\":{\"a\":null,\"b\":2,\"nested\":{\"y\":3}}}")
                .when().patch("/v1/tenants/" + tenant.getString("id"))
                .then().statusCode(200)
                .body("name", equalTo("Renamed"))
                .body("tag", nullValue())
                .body("description", equalTo("now described"))
                .body("profile", not(hasKey("a")))
                .body("profile.b", equalTo(2))
                .body("profile.nested.x", equalTo(1))
                .body("profile.nested.y", equalTo(3));
        given().header("Authorization", admin).when().get("/v1/tenants/" + tenant.getString("id"))
                .then().body("name", equalTo("Renamed")).body("profile.nested.y", equalTo(3));
    }

    @Test
    void patching_an_immutable_or_unknown_field_is_a_bad_request_naming_each() {
        JsonPath tenant = TestTenants.create(admin);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"subdomain\":\"other\",\"colour\":\"red\",\"name\":null}")
                .when().patch("/v1/tenants/" + tenant.getString("id"))
                .then().statusCode(400)
                .body("details.param", hasItems("subdomain", "colour", "name"));
    }

    @Test
    void deleting_and_purging_a_tenant_removes_it_and_its_clients() {
        JsonPath tenant = TestTenants.create(admin);
        UUID id = UUID.fromString(tenant.getString("id"));
        given().header("Authorization", admin).when().delete("/v1/tenants/" + id).then().statusCode(204);
        given().header("Authorization", admin).when().get("/v1/tenants/" + id).then().statusCode(404);
        given().header("Authorization", admin).when().delete("/v1/tenants/" + id).then().statusCode(404);
        given().header("Authorization", admin).queryParam("purge", true).when().delete("/v1/tenants/" + id).then().statusCode(204);
        assertEquals(0, count("SELECT count(*) FROM clients WHERE tenant_id = $1", id));
        given().contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + tenant.getString("client.clientId")
                        + "\",\"client_secret\":\"" + tenant.getString("client.clientSecret") + "\"}")
                .when().post("/oauth/token")
                .then().statusCode(401);
    }

    @Test
    void an_unknown_tenant_is_not_found() {
        given().header("Authorization", admin).when().get("/v1/tenants/" + UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("NotFound"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .when().patch("/v1/tenants/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void creating_a_tenant_needs_a_token_and_the_permission() {
        String body = "{\"subdomain\":\"" + TestTenants.uniqueSubdomain("n") + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}";
        given().contentType(ContentType.JSON).body(body).when().post("/v1/tenants").then().statusCode(401);
        String viewer = TestTokens.bearer(scopedAdminToken("tenants:read"));
        given().header("Authorization", viewer).contentType(ContentType.JSON).body(body)
                .when().post("/v1/tenants").then().statusCode(403);
    }

    @Test
    void the_tenant_list_contains_a_new_tenant() {
        JsonPath tenant = TestTenants.create(admin);
        String cursor = null;
        boolean found = false;
        do {
            var request = given().header("Authorization", admin).queryParam("limit", 1000);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/v1/tenants").then().statusCode(200).extract().jsonPath();
            found |= page.getList("data.id").contains(tenant.getString("id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null && !found);
        assertEquals(true, found);
    }

    static String scopedAdminToken(String scope) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", TestTokens.ADMIN_CLIENT_ID).formParam("client_secret", TestTokens.ADMIN_CLIENT_SECRET)
                .formParam("scope", scope)
                .when().post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }
}
