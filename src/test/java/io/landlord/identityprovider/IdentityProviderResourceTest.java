package io.landlord.identityprovider;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.landlord.common.crypto.SecretBox;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdentityProviderResourceTest {

    static final String OIDC = "{\"issuer\":\"https://login.acme.example/realms/acme\",\"clientId\":\"landlord\","
            + "\"clientSecret\":\"%s\",\"scopes\":[\"openid\",\"email\"],\"enabled\":true}";

    @Inject
    Pool pool;

    @Inject
    SecretBox box;

    private String admin;
    private JsonPath tenant;
    private String tenantId;

    @BeforeEach
    void createTenant() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        tenant = TestTenants.create(admin);
        tenantId = tenant.getString("id");
    }

    private String path() {
        return "/v1/tenants/" + tenantId + "/identity-provider";
    }

    @Test
    void the_management_plane_sets_and_reads_a_tenants_identity_provider_without_its_secret() {
        given().header("Authorization", admin).contentType(ContentType.JSON).body(OIDC.formatted("idp-secret-1"))
                .when().put(path())
                .then().statusCode(200)
                .body("issuer", equalTo("https://login.acme.example/realms/acme"))
                .body("clientId", equalTo("landlord"))
                .body("scopes", hasItems("openid", "email"))
                .body("enabled", equalTo(true))
                .body("clientSecretSet", equalTo(true))
                .body("configUrl", equalTo("https://login.acme.example/realms/acme/.well-known/openid-configuration"))
                .body("$", not(hasKey("clientSecret")));
        given().header("Authorization", admin).when().get(path())
                .then().statusCode(200).body("clientId", equalTo("landlord")).body("$", not(hasKey("clientSecret")));
    }

    @Test
    void the_client_secret_is_kept_encrypted_and_survives_a_put_without_it() {
        given().header("Authorization", admin).contentType(ContentType.JSON).body(OIDC.formatted("idp-secret-2"))
                .when().put(path()).then().statusCode(200);
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"issuer\":\"https://login.acme.example/realms/acme\",\"clientId\":\"landlord-2\"}")
                .when().put(path())
                .then().statusCode(200).body("clientSecretSet", equalTo(true)).body("enabled", equalTo(false))
                .body("scopes", equalTo(java.util.List.of("openid")));
        byte[] stored = pool.preparedQuery("SELECT client_secret FROM identity_providers WHERE tenant_id = $1")
                .execute(Tuple.of(UUID.fromString(tenantId))).await().indefinitely().iterator().next()
                .getBuffer("client_secret").getBytes();
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains("idp-secret-2"));
        assertEquals("idp-secret-2", new String(box.open(stored), StandardCharsets.UTF_8));
    }

    @Test
    void an_issuer_that_is_not_an_https_url_is_a_bad_request() {
        for (String issuer : new String[] { "http://login.acme.example", "login.acme.example", "https://",
                "https://login.acme.example?x=1", "https://login.acme.example#f", "https://user@login.acme.example",
                "https://bad host" }) {
            given().header("Authorization", admin).contentType(ContentType.JSON)
                    .body("{\"issuer\":\"" + issuer + "\",\"clientId\":\"landlord\"}")
                    .when().put(path())
                    .then().statusCode(400).body("details[0].param", equalTo("issuer"));
        }
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"clientId\":\"landlord\"}")
                .when().put(path()).then().statusCode(400).body("details[0].param", equalTo("issuer"));
        given().header("Authorization", admin).when().get(path()).then().statusCode(404);
    }

    @Test
    void a_blank_client_id_or_an_invalid_scope_is_a_bad_request() {
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"issuer\":\"https://login.acme.example\",\"clientId\":\" \"}")
                .when().put(path()).then().statusCode(400).body("details[0].param", equalTo("clientId"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"issuer\":\"https://login.acme.example\",\"clientId\":\"c\",\"scopes\":[\"open id\"]}")
                .when().put(path()).then().statusCode(400).body("details[0].param", equalTo("scopes[0]"));
    }

    @Test
    void an_invalid_secret_is_refused_without_being_echoed() {
        String longSecret = "s".repeat(1001);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(OIDC.formatted(longSecret))
                .when().put(path())
                .then().statusCode(400).body("details[0].param", equalTo("clientSecret")).body("details[0].value", nullValue());
    }

    @Test
    void a_tenant_without_an_identity_provider_or_an_unknown_tenant_is_not_found() {
        given().header("Authorization", admin).when().get(path()).then().statusCode(404).body("code", equalTo("NotFound"));
        given().header("Authorization", admin).when().get("/v1/tenants/" + UUID.randomUUID() + "/identity-provider").then().statusCode(404);
        given().header("Authorization", admin).contentType(ContentType.JSON).body(OIDC.formatted("x"))
                .when().put("/v1/tenants/" + UUID.randomUUID() + "/identity-provider").then().statusCode(404);
    }

    @Test
    void a_tenant_admin_manages_its_own_identity_provider_but_not_another_tenants() {
        String tenantAdmin = TestTenants.adminBearerOf(tenant);
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON).body(OIDC.formatted("own"))
                .when().put(path()).then().statusCode(200);
        String other = TestTenants.create(admin).getString("id");
        given().header("Authorization", tenantAdmin).when().get("/v1/tenants/" + other + "/identity-provider").then().statusCode(404);
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON).body(OIDC.formatted("x"))
                .when().put("/v1/tenants/" + other + "/identity-provider").then().statusCode(404);
    }

    @Test
    void a_viewer_cannot_read_or_change_the_identity_provider_and_a_token_is_required() {
        String viewer = TestTenants.clientBearer(TestTenants.adminBearerOf(tenant), tenantId, "viewer");
        given().header("Authorization", viewer).when().get(path()).then().statusCode(403);
        given().header("Authorization", viewer).contentType(ContentType.JSON).body(OIDC.formatted("x"))
                .when().put(path()).then().statusCode(403);
        given().when().get(path()).then().statusCode(401);
        given().contentType(ContentType.JSON).body(OIDC.formatted("x")).when().put(path()).then().statusCode(401);
    }

    @Test
    void purging_the_tenant_deletes_its_identity_provider() {
        given().header("Authorization", admin).contentType(ContentType.JSON).body(OIDC.formatted("gone"))
                .when().put(path()).then().statusCode(200);
        given().header("Authorization", admin).when().delete("/v1/tenants/" + tenantId).then().statusCode(204);
        given().header("Authorization", admin).queryParam("purge", true).when().delete("/v1/tenants/" + tenantId).then().statusCode(204);
        long left = pool.preparedQuery("SELECT count(*) FROM identity_providers WHERE tenant_id = $1")
                .execute(Tuple.of(UUID.fromString(tenantId))).await().indefinitely().iterator().next().getLong(0);
        assertEquals(0, left);
    }
}
