package io.landlord.client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantClientResourceTest {

    private String admin;
    private JsonPath tenant;
    private String tenantId;
    private String clients;

    @BeforeEach
    void createTenant() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        tenant = TestTenants.create(admin);
        tenantId = tenant.getString("id");
        clients = "/v1/tenants/" + tenantId + "/clients";
    }

    private JsonPath createClient(String name, String... roles) {
        String roleList = String.join("\",\"", roles);
        return given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"roles\":[\"" + roleList + "\"]}")
                .when().post(clients)
                .then().statusCode(201).extract().jsonPath();
    }

    private static int tokenStatus(String clientId, String secret) {
        return given().contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + secret + "\"}")
                .when().post("/oauth/token").then().extract().statusCode();
    }

    @Test
    void creating_a_client_shows_its_secret_once_with_the_union_of_its_roles_permissions() {
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"Issuer and verifier\",\"roles\":[\"issuer\",\"verifier\",\"issuer\"]}")
                .when().post(clients)
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString(clients + "/"))
                .body("clientSecret", startsWith("llsec_"))
                .body("roles", contains("issuer", "verifier"))
                .body("permissions", contains("credentials:issue", "credentials:verify", "dids:create", "dids:read"));
    }

    @Test
    void a_client_is_read_and_listed_without_its_secret() {
        JsonPath created = createClient("Reader", "viewer");
        given().header("Authorization", admin).when().get(clients + "/" + created.getString("clientId"))
                .then().statusCode(200)
                .body("name", equalTo("Reader"))
                .body("$", not(hasKey("clientSecret")));
        given().header("Authorization", admin).when().get(clients)
                .then().statusCode(200)
                .body("data.clientId", hasItems(created.getString("clientId"), tenant.getString("client.clientId")))
                .body("data[0]", not(hasKey("clientSecret")));
    }

    @Test
    void the_secret_is_long_random_and_prefixed_and_client_ids_are_unrelated() {
        JsonPath one = createClient("One", "viewer");
        JsonPath two = createClient("Two", "viewer");
        String secret = one.getString("clientSecret");
        assertTrue(secret.startsWith("llsec_"));
        assertTrue(Base64.getUrlDecoder().decode(secret.substring("llsec_".length())).length >= 32, "at least 256 bits");
        assertNotEquals(one.getString("clientId"), two.getString("clientId"));
        assertEquals(32, one.getString("clientId").length());
    }

    @Test
    void an_unknown_or_platform_role_is_a_bad_request_naming_it() {
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"Bad\",\"roles\":[\"viewer\",\"platform-admin\",\"wizard\"]}")
                .when().post(clients)
                .then().statusCode(400)
                .body("details.param", contains("roles[1]", "roles[2]"));
    }

    @Test
    void a_client_without_a_name_or_roles_is_a_bad_request() {
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"roles\":[]}")
                .when().post(clients)
                .then().statusCode(400)
                .body("details.param", hasItems("name", "roles"));
    }

    @Test
    void patching_a_client_changes_its_name_and_roles() {
        JsonPath created = createClient("Before", "viewer");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"After\",\"roles\":[\"issuer\"]}")
                .when().patch(clients + "/" + created.getString("clientId"))
                .then().statusCode(200)
                .body("name", equalTo("After"))
                .body("roles", contains("issuer"))
                .body("permissions", hasItem("credentials:issue"));
    }

    @Test
    void rotating_the_secret_stops_the_old_one_at_once() {
        JsonPath created = createClient("Rotating", "viewer");
        String clientId = created.getString("clientId");
        assertEquals(200, tokenStatus(clientId, created.getString("clientSecret")));
        String newSecret = given().header("Authorization", admin)
                .when().post(clients + "/" + clientId + "/secret")
                .then().statusCode(200).extract().path("clientSecret");
        assertEquals(401, tokenStatus(clientId, created.getString("clientSecret")));
        assertEquals(200, tokenStatus(clientId, newSecret));
    }

    @Test
    void deleting_a_client_removes_it() {
        JsonPath created = createClient("Doomed", "viewer");
        String clientId = created.getString("clientId");
        given().header("Authorization", admin).when().delete(clients + "/" + clientId).then().statusCode(204);
        given().header("Authorization", admin).when().get(clients + "/" + clientId).then().statusCode(404);
        assertEquals(401, tokenStatus(clientId, created.getString("clientSecret")));
    }

    @Test
    void a_tenant_client_token_is_addressed_to_its_tenant_and_names_it() throws Exception {
        String token = TestTokens.token(tenant.getString("client.clientId"), tenant.getString("client.clientSecret"));
        JwtClaims claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])));
        assertEquals(List.of("https://" + tenant.getString("subdomain")), claims.getAudience());
        assertEquals(tenantId, claims.getStringClaimValue("tenant_id"));
        assertEquals(List.of("admin"), claims.getStringListClaimValue("roles"));
    }

    @Test
    void a_tenant_client_asking_for_the_management_audience_is_invalid_scope() {
        given().contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + tenant.getString("client.clientId")
                        + "\",\"client_secret\":\"" + tenant.getString("client.clientSecret") + "\",\"audience\":\"http://localhost:8081\"}")
                .when().post("/oauth/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void a_tenant_admin_manages_its_own_clients_and_reads_its_own_tenant() {
        String tenantAdmin = TestTenants.adminBearerOf(tenant);
        given().header("Authorization", tenantAdmin).when().get("/v1/tenants/" + tenantId).then().statusCode(200);
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON)
                .body("{\"name\":\"Self-made\",\"roles\":[\"verifier\"]}")
                .when().post(clients).then().statusCode(201);
        given().header("Authorization", tenantAdmin).when().get(clients).then().statusCode(200);
    }

    @Test
    void the_clients_of_an_unknown_tenant_are_not_found() {
        given().header("Authorization", admin).when().get("/v1/tenants/" + UUID.randomUUID() + "/clients")
                .then().statusCode(404);
        given().header("Authorization", admin).when().get(clients + "/no-such-client").then().statusCode(404);
    }

    @Test
    void a_client_of_one_tenant_is_not_found_under_another() {
        JsonPath other = TestTenants.create(admin);
        given().header("Authorization", admin)
                .when().get("/v1/tenants/" + other.getString("id") + "/clients/" + tenant.getString("client.clientId"))
                .then().statusCode(404);
    }
}
