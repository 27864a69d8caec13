package io.landlord.tenant;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantSearchTest {

    @Inject
    Pool pool;

    private String admin;
    private String prefix;
    /** name -> tenant */
    private Map<String, JsonPath> tenants;

    @BeforeEach
    void createTenants() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        prefix = "srch" + UUID.randomUUID().toString().substring(0, 6);
        JsonPath main = tenant("Alpha Main", "alpha", "A1", "gold", TestTenants.SYDNEY, "product", null);
        tenants = Map.of(
                "alpha", main,
                "beta", tenant("beta Corner", "beta", "B2", "silver", TestTenants.SYDNEY, "client", main.getString("id")),
                "gamma", tenant("Gamma corner", "gamma", null, "gold", TestTenants.FRANKFURT, "product", null),
                "delta", tenant("DELTA 100%_off", "delta", "D4", null, TestTenants.SYDNEY, "product", null));
        given().header("Authorization", admin).when().put("/v1/tenants/" + tenants.get("gamma").getString("id") + "/lock")
                .then().statusCode(200);
        pool.preparedQuery("INSERT INTO entitlements (tenant_id, type, quantity, contract_mode, created_at, updated_at)"
                + " VALUES ($1, 'USERS', 10, 'TRIAL', now(), now())")
                .execute(Tuple.of(UUID.fromString(tenants.get("delta").getString("id")))).await().indefinitely();
    }

    private JsonPath tenant(String name, String key, String code, String tag, String environment, String type, String main) {
        StringBuilder body = new StringBuilder("{\"name\":\"" + prefix + " " + name + "\",\"subdomain\":\"" + prefix + "-" + key
                + "-x\",\"environmentId\":\"" + environment + "\",\"type\":\"" + type + "\"");
        if (code != null) {
            body.append(",\"code\":\"").append(code).append('"');
        }
        if (tag != null) {
            body.append(",\"tag\":\"").append(tag).append('"');
        }
        if (main != null) {
            body.append(",\"mainTenantId\":\"").append(main).append('"');
        }
        return TestTenants.create(admin, body.append('}').toString());
    }

    private String condition(String attribute, String operator, Object value) {
        String json = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return "{\"attribute\":\"" + attribute + "\",\"operator\":\"" + operator + "\",\"value\":" + json + "}";
    }

    /** Searches within this test's tenants (name starts with the prefix) and returns the keys of the hits. */
    private List<String> search(String... conditions) {
        List<String> all = new ArrayList<>(List.of(conditions));
        all.add(condition("name", "STARTS_WITH", prefix));
        JsonPath page = given().urlEncodingEnabled(false).header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"searchByAttributes\":[" + String.join(",", all) + "]}")
                .when().post("/v1/tenants:search")
                .then().statusCode(200).extract().jsonPath();
        return keysOf(page.getList("data.id"));
    }

    private List<String> keysOf(List<String> ids) {
        return ids.stream().map(id -> tenants.entrySet().stream().filter(e -> e.getValue().getString("id").equals(id))
                .map(Map.Entry::getKey).findFirst().orElse("?")).sorted().collect(Collectors.toList());
    }

    @Test
    void text_operators_are_case_insensitive_on_every_text_attribute() {
        assertEquals(List.of("alpha"), search(condition("name", "EQUALS", (prefix + " ALPHA MAIN"))));
        assertEquals(List.of("beta", "delta", "gamma"), search(condition("name", "NOT_EQUALS", prefix + " alpha main")));
        assertEquals(List.of("beta", "gamma"), search(condition("name", "CONTAINS", "CORNER")));
        assertEquals(List.of("alpha", "delta"), search(condition("name", "NOT_CONTAINS", "corner")));
        assertEquals(List.of("delta"), search(condition("name", "ENDS_WITH", "100%_OFF")));
        assertEquals(List.of("delta"), search(condition("name", "CONTAINS", "%_")), "% and _ are matched literally");
        assertEquals(List.of("beta"), search(condition("subdomain", "STARTS_WITH", prefix + "-BETA")));
        assertEquals(List.of("gamma"), search(condition("subdomain", "ENDS_WITH", "gamma-x")));
        assertEquals(List.of("alpha"), search(condition("code", "EQUALS", "a1")));
        assertEquals(List.of("beta", "delta", "gamma"), search(condition("code", "NOT_EQUALS", "A1")), "a missing code is not equal");
        assertEquals(List.of("alpha", "gamma"), search(condition("tag", "EQUALS", "GOLD")));
        assertEquals(List.of("beta", "delta"), search(condition("tag", "NOT_CONTAINS", "gol")));
    }

    @Test
    void enum_boolean_uuid_and_time_attributes_have_their_operators() {
        assertEquals(List.of("beta"), search(condition("type", "EQUALS", "client")));
        assertEquals(List.of("gamma"), search(condition("locked", "EQUALS", true)));
        assertEquals(List.of("delta"), search(condition("contractMode", "EQUALS", "TRIAL")));
        assertEquals(List.of("gamma"), search(condition("environmentId", "EQUALS", TestTenants.FRANKFURT)));
        assertEquals(List.of("alpha", "beta", "delta"), search(condition("environmentId", "NOT_EQUALS", TestTenants.FRANKFURT)));
        assertEquals(List.of("beta"), search(condition("mainTenantId", "EQUALS", tenants.get("alpha").getString("id"))));
        String betaCreated = tenants.get("beta").getString("createdAt");
        assertEquals(List.of("delta", "gamma"), search(condition("createdAt", "GREATER_THAN", betaCreated)));
        assertEquals(List.of("beta", "delta", "gamma"), search(condition("createdAt", "GREATER_THAN_OR_EQUAL", betaCreated)));
        assertEquals(List.of("alpha"), search(condition("createdAt", "LESS_THAN", betaCreated)));
        assertEquals(List.of("alpha", "beta"), search(condition("createdAt", "LESS_THAN_OR_EQUAL", betaCreated)));
        assertEquals(List.of("beta"), search(condition("createdAt", "EQUALS", betaCreated)));
    }

    private List<String> walk(String orderBy, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String body = "{\"searchByAttributes\":[" + condition("name", "STARTS_WITH", prefix) + "],\"orderBy\":" + orderBy
                    + ",\"limit\":" + limit + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}";
            JsonPath page = given().urlEncodingEnabled(false).header("Authorization", admin).contentType(ContentType.JSON).body(body)
                    .when().post("/v1/tenants:search").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("data.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        return ids.stream().map(id -> tenants.entrySet().stream().filter(e -> e.getValue().getString("id").equals(id))
                .map(Map.Entry::getKey).findFirst().orElse("?")).toList();
    }

    @Test
    void ordering_by_any_attribute_pages_with_a_keyset_cursor() {
        assertEquals(List.of("alpha", "beta", "delta", "gamma"), walk("[{\"attribute\":\"name\"}]", 1));
        assertEquals(List.of("gamma", "delta", "beta", "alpha"), walk("[{\"attribute\":\"name\",\"direction\":\"DESC\"}]", 3));
        assertEquals(List.of("delta", "alpha", "gamma", "beta"), walk("[{\"attribute\":\"tag\"},{\"attribute\":\"name\"}]", 1),
                "missing tags sort first; ties broken by the next key");
        assertEquals(List.of("gamma", "alpha", "beta", "delta"),
                walk("[{\"attribute\":\"locked\",\"direction\":\"DESC\"},{\"attribute\":\"code\"}]", 2));
        assertEquals(List.of("alpha", "beta", "gamma", "delta"), walk("[{\"attribute\":\"createdAt\"}]", 1));
        List<String> byEnvironment = walk("[{\"attribute\":\"environmentId\"},{\"attribute\":\"createdAt\",\"direction\":\"DESC\"}]", 1);
        assertEquals(4, byEnvironment.size());
        List<String> byMode = walk("[{\"attribute\":\"contractMode\",\"direction\":\"DESC\"}]", 1);
        assertEquals("delta", byMode.get(0));
    }

    @Test
    void a_cursor_is_refused_by_another_ordering() {
        String body = "{\"searchByAttributes\":[" + condition("name", "STARTS_WITH", prefix) + "],\"orderBy\":[{\"attribute\":\"name\"}],\"limit\":1}";
        String cursor = given().urlEncodingEnabled(false).header("Authorization", admin).contentType(ContentType.JSON).body(body)
                .when().post("/v1/tenants:search").then().statusCode(200).extract().path("nextCursor");
        given().urlEncodingEnabled(false).header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"orderBy\":[{\"attribute\":\"tag\"}],\"cursor\":\"" + cursor + "\"}")
                .when().post("/v1/tenants:search")
                .then().statusCode(400)
                .body("details[0].param", equalTo("cursor"));
    }

    @Test
    void invalid_conditions_are_named_in_details() {
        given().urlEncodingEnabled(false).header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"searchByAttributes\":[" + condition("colour", "EQUALS", "red") + "," + condition("locked", "CONTAINS", true)
                        + "," + condition("locked", "EQUALS", "yes") + "," + condition("createdAt", "GREATER_THAN", "yesterday")
                        + "," + condition("type", "EQUALS", "galaxy") + "],\"orderBy\":[{\"attribute\":\"mood\"}],\"limit\":0}")
                .when().post("/v1/tenants:search")
                .then().statusCode(400)
                .body("details.param", hasItems("searchByAttributes[0].attribute", "searchByAttributes[1].operator",
                        "searchByAttributes[2].value", "searchByAttributes[3].value", "searchByAttributes[4].value",
                        "orderBy[0].attribute", "limit"));
    }

    @Test
    void more_than_five_conditions_are_refused() {
        String c = condition("name", "CONTAINS", "a");
        given().urlEncodingEnabled(false).header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"searchByAttributes\":[" + String.join(",", c, c, c, c, c, c) + "]}")
                .when().post("/v1/tenants:search")
                .then().statusCode(400)
                .body("details[0].param", equalTo("searchByAttributes"));
    }

    @Test
    void searching_needs_a_management_token() {
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{}").when().post("/v1/tenants:search").then().statusCode(401);
        given().urlEncodingEnabled(false).header("Authorization", TestTenants.adminBearerOf(tenants.get("alpha"))).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/tenants:search").then().statusCode(403);
    }
}
