package io.landlord.tenancy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenancyResourceTest {

    private String admin;
    private JsonPath tenant;
    private String tenantId;
    private String tenantAdmin;

    @BeforeEach
    void createTenant() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        tenant = TestTenants.create(admin);
        tenantId = tenant.getString("id");
        tenantAdmin = TestTenants.adminBearerOf(tenant);
    }

    /** A fresh client address for each call site, so tests do not share a rate-limit counter. */
    static String someAddress() {
        UUID random = UUID.randomUUID();
        return "10." + (random.getMostSignificantBits() & 0xff) + "." + (random.getLeastSignificantBits() & 0xff) + "."
                + ((random.getLeastSignificantBits() >> 8) & 0xff);
    }

    private void setVerifiedDomain(String domain) {
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"verifiedDomain\":\"" + domain + "\"}")
                .when().put("/v1/tenants/" + tenantId + "/verified-domain")
                .then().statusCode(200);
    }

    @Test
    void a_tenant_client_reads_its_own_tenancy() {
        setVerifiedDomain("Acme.Example.COM");
        given().header("Authorization", tenantAdmin).when().get("/v1/tenancies/self")
                .then().statusCode(200)
                .body("identity", equalTo("tenant/" + tenantId))
                .body("displayName", equalTo("Test tenant"))
                .body("enterpriseSsoEnabled", equalTo(false))
                .body("$", not(hasKey("enterpriseSsoConfig")))
                .body("verifiedDomain", equalTo("acme.example.com"));
    }

    @Test
    void a_viewer_reads_the_tenancy_but_cannot_change_it() {
        String viewer = TestTenants.clientBearer(tenantAdmin, tenantId, "viewer");
        given().header("Authorization", viewer).when().get("/v1/tenancies/self").then().statusCode(200);
        given().header("Authorization", viewer).contentType(ContentType.JSON).body("{\"displayName\":\"Mine\"}")
                .when().patch("/v1/tenancies/self").then().statusCode(403).body("code", equalTo("Forbidden"));
    }

    @Test
    void a_management_token_has_no_tenancy() {
        given().header("Authorization", admin).when().get("/v1/tenancies/self").then().statusCode(403);
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"displayName\":\"x\"}")
                .when().patch("/v1/tenancies/self").then().statusCode(403);
    }

    @Test
    void the_tenancy_needs_a_token() {
        given().when().get("/v1/tenancies/self").then().statusCode(401).body("code", equalTo("Unauthorized"));
        given().contentType(ContentType.JSON).body("{}").when().patch("/v1/tenancies/self").then().statusCode(401);
    }

    @Test
    void the_tenant_admin_renames_the_tenancy_and_configures_enterprise_sso() {
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON)
                .body("{\"displayName\":\"  Renamed  \",\"enterpriseSsoEnabled\":true,\"enterpriseSsoConfig\":{"
                        + "\"issuer\":\"https://login.acme.example\",\"clientId\":\"landlord\",\"clientSecret\":\"s3cret-sso\","
                        + "\"policyId\":\"p1\"}}")
                .when().patch("/v1/tenancies/self")
                .then().statusCode(200)
                .body("displayName", equalTo("Renamed"))
                .body("enterpriseSsoEnabled", equalTo(true))
                .body("enterpriseSsoConfig.issuer", equalTo("https://login.acme.example"))
                .body("enterpriseSsoConfig.clientId", equalTo("landlord"))
                .body("enterpriseSsoConfig.configUrl", equalTo("https://login.acme.example/.well-known/openid-configuration"))
                .body("enterpriseSsoConfig.policyId", equalTo("p1"))
                .body("enterpriseSsoConfig", not(hasKey("clientSecret")));
        // one source of truth: the management plane sees the same settings, and the tenant's name changed
        given().header("Authorization", admin).when().get("/v1/tenants/" + tenantId + "/identity-provider")
                .then().statusCode(200).body("issuer", equalTo("https://login.acme.example"))
                .body("enabled", equalTo(true)).body("clientSecretSet", equalTo(true));
        given().header("Authorization", admin).when().get("/v1/tenants/" + tenantId)
                .then().statusCode(200).body("name", equalTo("Renamed"));
    }

    @Test
    void a_tenancy_read_can_be_sent_back_unchanged() {
        setVerifiedDomain("acme.example.com");
        Map<String, Object> read = given().header("Authorization", tenantAdmin).when().get("/v1/tenancies/self")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON).body(read)
                .when().patch("/v1/tenancies/self").then().statusCode(200).body("verifiedDomain", equalTo("acme.example.com"));
    }

    @Test
    void the_tenant_cannot_set_its_own_verified_domain_or_identity() {
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON)
                .body("{\"verifiedDomain\":\"bank.example\",\"identity\":\"tenant/" + UUID.randomUUID() + "\"}")
                .when().patch("/v1/tenancies/self")
                .then().statusCode(400)
                .body("details.param", org.hamcrest.Matchers.containsInAnyOrder("identity", "verifiedDomain"));
        given().header("Authorization", admin).when().get("/v1/tenancies/" + tenantId + ":publicinfo")
                .then().statusCode(200).body("$", not(hasKey("verifiedDomain")));
    }

    @Test
    void an_invalid_tenancy_update_is_a_bad_request() {
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON).body("{\"displayName\":\"  \"}")
                .when().patch("/v1/tenancies/self").then().statusCode(400).body("details[0].param", equalTo("displayName"));
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON)
                .body("{\"enterpriseSsoConfig\":{\"issuer\":\"http://login.acme.example\",\"clientId\":\"x\"}}")
                .when().patch("/v1/tenancies/self").then().statusCode(400)
                .body("details[0].param", equalTo("enterpriseSsoConfig.issuer"));
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON).body("{\"enterpriseSsoEnabled\":true}")
                .when().patch("/v1/tenancies/self").then().statusCode(400)
                .body("details.param", org.hamcrest.Matchers.hasItems("enterpriseSsoConfig.issuer", "enterpriseSsoConfig.clientId"));
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON).body("{\"colour\":\"red\"}")
                .when().patch("/v1/tenancies/self").then().statusCode(400).body("details[0].param", equalTo("colour"));
    }

    @Test
    void a_deleted_tenants_token_is_refused() {
        given().header("Authorization", admin).when().delete("/v1/tenants/" + tenantId).then().statusCode(204);
        given().header("Authorization", tenantAdmin).when().get("/v1/tenancies/self").then().statusCode(401);
    }

    @Test
    void anyone_reads_a_tenants_public_info_without_a_token() {
        setVerifiedDomain("acme.example.com");
        given().header("X-Forwarded-For", someAddress()).when().get("/v1/tenancies/" + tenantId + ":publicinfo")
                .then().statusCode(200)
                .body("identity", equalTo("tenant/" + tenantId))
                .body("displayName", equalTo("Test tenant"))
                .body("verifiedDomain", equalTo("acme.example.com"))
                .body("size()", equalTo(3));
        // the colon as curl sends it, and percent-encoded as some clients do
        given().urlEncodingEnabled(false).header("X-Forwarded-For", someAddress())
                .when().get("/v1/tenancies/" + tenantId + ":publicinfo").then().statusCode(200);
        given().urlEncodingEnabled(false).header("X-Forwarded-For", someAddress())
                .when().get("/v1/tenancies/" + tenantId + "%3Apublicinfo").then().statusCode(200);
    }

    @Test
    void public_info_of_an_unknown_or_malformed_id_is_not_found() {
        String address = someAddress();
        for (String ref : new String[] { UUID.randomUUID() + ":publicinfo", "not-a-uuid:publicinfo", tenantId,
                tenantId + ":private", "1-1-1-1-1:publicinfo" }) {
            given().header("X-Forwarded-For", address).when().get("/v1/tenancies/" + ref)
                    .then().statusCode(404).body("code", equalTo("NotFound"));
        }
    }

    @Test
    void the_management_plane_sets_and_removes_the_verified_domain() {
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"verifiedDomain\":\"acme.example.com\"}")
                .when().put("/v1/tenants/" + tenantId + "/verified-domain")
                .then().statusCode(200)
                .body("identity", equalTo("tenant/" + tenantId))
                .body("verifiedDomain", equalTo("acme.example.com"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"verifiedDomain\":null}")
                .when().put("/v1/tenants/" + tenantId + "/verified-domain")
                .then().statusCode(200).body("verifiedDomain", nullValue());
    }

    @Test
    void setting_the_verified_domain_is_for_the_management_plane_only() {
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON).body("{\"verifiedDomain\":\"acme.example.com\"}")
                .when().put("/v1/tenants/" + tenantId + "/verified-domain").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"verifiedDomain\":\"acme.example.com\"}")
                .when().put("/v1/tenants/" + tenantId + "/verified-domain").then().statusCode(401);
    }

    @Test
    void an_invalid_verified_domain_or_unknown_tenant_is_refused() {
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"verifiedDomain\":\"not a domain\"}")
                .when().put("/v1/tenants/" + tenantId + "/verified-domain")
                .then().statusCode(400).body("details[0].param", equalTo("verifiedDomain"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"verifiedDomain\":\"acme.example.com\"}")
                .when().put("/v1/tenants/" + UUID.randomUUID() + "/verified-domain").then().statusCode(404);
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"verifiedDomain\":\"acme.example.com\"}")
                .when().put("/v1/tenants/not-a-uuid/verified-domain").then().statusCode(404);
    }
}
