package io.landlord.usage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UsageTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    @Inject
    UsageMeter meter;

    private String admin;
    private JsonPath tenant;
    private UUID tenantId;

    @BeforeEach
    void createTenant() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        tenant = TestTenants.create(admin);
        tenantId = UUID.fromString(tenant.getString("id"));
    }

    private long stored(String sql) {
        return pool.preparedQuery(sql).execute(Tuple.of(tenantId)).await().indefinitely().iterator().next().getLong(0);
    }

    private String tokenBody() {
        return "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + tenant.getString("client.clientId")
                + "\",\"client_secret\":\"" + tenant.getString("client.clientSecret") + "\"}";
    }

    private int tokenStatus() {
        return given().contentType(ContentType.JSON).body(tokenBody()).when().post("/oauth/token").then().extract().statusCode();
    }

    private void entitlement(String type, long quantity, boolean hardLimit) {
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"type\":\"" + type + "\",\"quantity\":" + quantity + ",\"contractMode\":\"TRIAL\",\"hardLimit\":" + hardLimit + "}")
                .when().put("/v1/tenants/" + tenantId + "/entitlements").then().statusCode(200);
    }

    private int report(String id, String type, long quantity, String at) {
        return given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"quantity\":" + quantity + ",\"at\":\"" + at + "\"}")
                .when().post("/v1/tenants/" + tenantId + "/usage").then().extract().statusCode();
    }

    @Test
    void tokens_issued_in_parallel_are_counted_exactly_once_flushed() {
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(base.resolve("/oauth/token")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(tokenBody())).build(), HttpResponse.BodyHandlers.ofString()));
        }
        calls.forEach(c -> assertEquals(200, c.join().statusCode()));
        meter.flush().await().atMost(Duration.ofSeconds(10));
        assertEquals(50, stored("SELECT coalesce(sum(quantity), 0) FROM usage WHERE tenant_id = $1 AND type = 'TRANSACTIONS'"));
    }

    @Test
    void a_usage_report_counts_once_whatever_the_retries() {
        String id = "report-" + UUID.randomUUID();
        assertEquals(201, report(id, "USERS", 7, "2026-03-01T10:15:00Z"));
        assertEquals(200, report(id, "USERS", 7, "2026-03-01T10:15:00Z"));
        assertEquals(7, stored("SELECT coalesce(sum(quantity), 0) FROM usage WHERE tenant_id = $1 AND type = 'USERS'"));
        assertEquals(400, report("x", "TRANSACTIONS", 1, "2026-03-01T10:15:00Z"), "transactions are counted by Landlord");
        assertEquals(400, report("", "USERS", 0, "yesterday"));
    }

    private static String cond(String attribute, String operator, String jsonValue) {
        return "{\"attribute\":\"" + attribute + "\",\"operator\":\"" + operator + "\",\"value\":" + jsonValue + "}";
    }

    private io.restassured.response.ValidatableResponse searchUsage(String bearer, String body) {
        return given().urlEncodingEnabled(false).header("Authorization", bearer).contentType(ContentType.JSON).body(body)
                .when().post("/v1/usage:search").then();
    }

    @Test
    void usage_is_searched_by_hour_with_ibm_conditions_and_a_cursor() {
        report("a-" + UUID.randomUUID(), "USERS", 1, "2026-04-01T01:10:00Z");
        report("b-" + UUID.randomUUID(), "USERS", 2, "2026-04-01T01:50:00Z");
        report("c-" + UUID.randomUUID(), "ISSUANCE", 5, "2026-04-01T02:00:00Z");
        report("d-" + UUID.randomUUID(), "USERS", 4, "2026-04-02T00:00:00Z");
        String window = cond("startTime", "GREATER_THAN_OR_EQUAL", "\"2026-04-01T00:00:00\"") + ","
                + cond("endTime", "LESS_THAN_OR_EQUAL", "\"2026-04-02T00:00:00Z\"") + ","
                + cond("tenantId", "EQUALS", "\"" + tenantId + "\"");
        JsonPath first = searchUsage(admin, "{\"searchByAttributes\":[" + window + "],\"limit\":1}")
                .statusCode(200)
                .body("data[0].usageType", equalTo("USERS"))
                .body("data[0].quantity", equalTo(3))
                .body("data[0].startTime", equalTo("2026-04-01T01:00:00Z"))
                .body("data[0].endTime", equalTo("2026-04-01T02:00:00Z"))
                .extract().jsonPath();
        searchUsage(admin, "{\"searchByAttributes\":[" + window + "],\"limit\":1,\"cursor\":\"" + first.getString("nextCursor") + "\"}")
                .statusCode(200)
                .body("data[0].usageType", equalTo("ISSUANCE"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("nextCursor")));
        searchUsage(admin, "{\"searchByAttributes\":[" + window + "," + cond("usageType", "EQUALS", "\"ISSUANCE\"") + ","
                + cond("isTrial", "EQUALS", "false") + "]}")
                .statusCode(200).body("data.size()", equalTo(0));
        searchUsage(admin, "{\"searchByAttributes\":[" + cond("startTime", "GREATER_THAN", "\"2026-04-01T23:00:00Z\"") + ","
                + cond("tenantId", "EQUALS", "\"" + tenantId + "\"") + "]}")
                .statusCode(200).body("data.quantity", org.hamcrest.Matchers.contains(4));
    }

    @Test
    void an_invalid_usage_search_names_each_bad_condition() {
        searchUsage(admin, "{\"searchByAttributes\":[" + cond("tenantId", "EQUALS", "\"" + tenantId + "\"") + "]}")
                .statusCode(400).body("details[0].param", equalTo("searchByAttributes"));
        searchUsage(admin, "{\"searchByAttributes\":[" + cond("startTime", "EQUALS", "\"2026-01-01T00:00:00Z\"") + ","
                + cond("usageType", "CONTAINS", "\"USERS\"") + "," + cond("isTrial", "EQUALS", "\"maybe\"") + ","
                + cond("colour", "EQUALS", "\"red\"") + "," + cond("endTime", "LESS_THAN", "\"soon\"") + "]}")
                .statusCode(400)
                .body("details.param", org.hamcrest.Matchers.hasItems("searchByAttributes[0].operator",
                        "searchByAttributes[1].operator", "searchByAttributes[2].value", "searchByAttributes[3].attribute",
                        "searchByAttributes[4].value"));
    }

    @Test
    void thresholds_are_recorded_once_each_per_period() {
        entitlement("USERS", 10, false);
        report("u1-" + UUID.randomUUID(), "USERS", 7, "2026-05-01T00:00:00Z");
        assertEquals(0, stored("SELECT count(*) FROM quota_notices WHERE tenant_id = $1"));
        report("u2-" + UUID.randomUUID(), "USERS", 1, "2026-05-01T00:00:00Z");
        report("u3-" + UUID.randomUUID(), "USERS", 1, "2026-05-01T00:00:00Z");
        assertEquals(1, stored("SELECT count(*) FROM quota_notices WHERE tenant_id = $1 AND level = 'ENTITLEMENT_THRESHOLD_REACHED'"));
        report("u4-" + UUID.randomUUID(), "USERS", 1, "2026-05-01T00:00:00Z");
        report("u5-" + UUID.randomUUID(), "USERS", 5, "2026-05-01T00:00:00Z");
        assertEquals(2, stored("SELECT count(*) FROM quota_notices WHERE tenant_id = $1"));
        assertEquals(1, stored("SELECT count(*) FROM quota_notices WHERE tenant_id = $1 AND level = 'ENTITLEMENT_EXHAUSTED'"));
    }

    @Test
    void a_hard_transactions_limit_stops_tokens_until_the_quantity_is_raised() {
        entitlement("TRANSACTIONS", 3, true);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, tokenStatus());
        }
        meter.flush().await().atMost(Duration.ofSeconds(10));
        given().contentType(ContentType.JSON).body(tokenBody()).when().post("/oauth/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_client"))
                .body("error_description", containsString("TRANSACTIONS"));
        entitlement("TRANSACTIONS", 100, true);
        meter.flush().await().atMost(Duration.ofSeconds(10));
        assertEquals(200, tokenStatus());
    }

    @Test
    void a_tenant_sees_only_its_own_usage() {
        JsonPath other = TestTenants.create(admin);
        String tenantAdmin = TestTenants.adminBearerOf(tenant);
        String since = cond("startTime", "GREATER_THAN", "\"2026-01-01T00:00:00Z\"");
        searchUsage(tenantAdmin, "{\"searchByAttributes\":[" + since + "," + cond("tenantId", "EQUALS", "\"" + other.getString("id") + "\"") + "]}")
                .statusCode(404);
        searchUsage(tenantAdmin, "{\"searchByAttributes\":[" + since + "]}").statusCode(200);
        given().header("Authorization", tenantAdmin).contentType(ContentType.JSON)
                .body("{\"id\":\"x\",\"type\":\"USERS\",\"quantity\":1,\"at\":\"2026-01-01T00:00:00Z\"}")
                .when().post("/v1/tenants/" + tenantId + "/usage").then().statusCode(403);
    }
}
