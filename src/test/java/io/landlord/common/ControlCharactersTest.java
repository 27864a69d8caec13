package io.landlord.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NUL and other control characters anywhere a request sends text: a 400 naming the input, never a 500. */
@QuarkusTest
class ControlCharactersTest {

    private static final String NUL = "\\u0000";

    @Inject
    Pool pool;

    private String admin;

    @BeforeEach
    void adminToken() {
        admin = TestTokens.bearer(TestTokens.adminToken());
    }

    private long tenantsNamed(String name) {
        return pool.preparedQuery("SELECT count(*) FROM tenants WHERE name LIKE $1").execute(Tuple.of(name + "%"))
                .await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void a_nul_in_a_json_string_is_a_validation_error_naming_the_field() {
        String subdomain = TestTenants.uniqueSubdomain("nul");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"Nul" + NUL + "Corp\",\"subdomain\":\"" + subdomain + "\",\"environmentId\":\"" + TestTenants.SYDNEY
                        + "\",\"profile\":{\"plan\":{\"tier\":\"x" + NUL + "\"}}}")
                .when().post("/v1/tenants")
                .then().statusCode(400)
                .body("code", equalTo("BadRequest")).body("type", equalTo("ValidationError"))
                .body("details.param", hasItems("name", "profile.plan.tier"))
                .body("details[0].location", equalTo("body"));
        assertEquals(0, tenantsNamed("Nul"));
    }

    @Test
    void a_control_character_in_a_field_name_or_an_array_is_a_validation_error() {
        JsonPath tenant = TestTenants.create(admin);
        given().header("Authorization", admin).contentType("application/merge-patch+json")
                .body("{\"profile\":{\"bad\\u0001key\":1}}")
                .when().patch("/v1/tenants/" + tenant.getString("id"))
                .then().statusCode(400).body("details[0].param", equalTo("profile.bad\uFFFDkey"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"roles\":[\"admin\",\"vi" + NUL + "ewer\"]}")
                .when().post("/v1/tenants/" + tenant.getString("id") + "/clients")
                .then().statusCode(400).body("details[0].param", equalTo("roles[1]"));
    }

    @Test
    void line_breaks_and_tabs_in_free_text_are_kept() {
        JsonPath tenant = TestTenants.create(admin);
        given().header("Authorization", admin).contentType("application/merge-patch+json")
                .body("{\"description\":\"line one\\nline\\ttwo\\r\\n\"}")
                .when().patch("/v1/tenants/" + tenant.getString("id"))
                .then().statusCode(200).body("description", equalTo("line one\nline\ttwo\r\n"));
    }

    @Test
    void a_nul_in_a_query_or_path_parameter_is_a_validation_error() {
        given().header("Authorization", admin).urlEncodingEnabled(false)
                .when().get("/v1/events?actor=a%00b")
                .then().statusCode(400).body("details[0].param", equalTo("actor")).body("details[0].location", equalTo("query"));
        given().header("Authorization", admin).urlEncodingEnabled(false)
                .when().get("/v1/management/clients/a%00b")
                .then().statusCode(400).body("details[0].param", equalTo("clientId")).body("details[0].location", equalTo("path"));
        given().header("Authorization", admin).urlEncodingEnabled(false)
                .when().get("/v1/tenants?limit=1%01")
                .then().statusCode(400).body("details[0].param", equalTo("limit"));
    }

    @Test
    void a_nul_at_the_unauthenticated_token_endpoint_is_a_validation_error() {
        given().contentType(ContentType.URLENC).urlEncodingEnabled(false)
                .body("grant_type=client_credentials&client_id=a%00b&client_secret=x")
                .when().post("/oauth/token")
                .then().statusCode(400).body("code", equalTo("BadRequest")).body("details[0].param", equalTo("client_id"));
        given().contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"a" + NUL + "\",\"client_secret\":\"x\"}")
                .when().post("/oauth/token")
                .then().statusCode(400).body("details[0].param", equalTo("client_id"));
    }
}
