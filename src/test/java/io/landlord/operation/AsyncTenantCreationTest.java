package io.landlord.operation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AsyncTenantCreationTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    private final HttpClient http = HttpClient.newHttpClient();
    private String admin;

    @BeforeEach
    void authenticate() {
        admin = TestTokens.bearer(TestTokens.adminToken());
    }

    private static String body(String subdomain) {
        return "{\"name\":\"Async\",\"subdomain\":\"" + subdomain + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}";
    }

    private String submit(String body) {
        return given().header("Authorization", admin).contentType(ContentType.JSON).body(body)
                .when().post("/v1/async/tenants")
                .then().statusCode(202)
                .extract().path("id");
    }

    private JsonPath awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> status.equals(
                given().header("Authorization", admin).when().get("/v1/async/tenants/" + id + "/createstatus")
                        .then().statusCode(200).extract().path("status")));
        return given().header("Authorization", admin).when().get("/v1/async/tenants/" + id + "/createstatus")
                .then().extract().jsonPath();
    }

    private HttpResponse<String> call(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", admin)
                .timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    private UUID insertOperation(String status, String subdomain, String leaseSql) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO operations (id, status, request, request_hash, submitted_by, claim_id, lease_until,"
                + " created_at, updated_at) VALUES ($1, $2, $3::text::jsonb, '\\x00', $4, gen_random_uuid(), " + leaseSql + ", now(), now())")
                .execute(Tuple.of(id, status, body(subdomain), TestTokens.ADMIN_CLIENT_ID)).await().indefinitely();
        return id;
    }

    private Row operationRow(String id) {
        return pool.preparedQuery("SELECT * FROM operations WHERE id = $1").execute(Tuple.of(UUID.fromString(id)))
                .await().indefinitely().iterator().next();
    }

    @Test
    void a_submitted_creation_is_accepted_then_succeeds_and_its_result_is_collected_exactly_once() {
        String subdomain = TestTenants.uniqueSubdomain("async");
        String id = given().header("Authorization", admin).contentType(ContentType.JSON).body(body(subdomain))
                .when().post("/v1/async/tenants")
                .then().statusCode(202)
                .header("Location", matchesPattern(".*/v1/async/tenants/[0-9a-f-]{36}/createstatus$"))
                .body("status", equalTo("PENDING"))
                .body("createdAt", notNullValue())
                .extract().path("id");

        JsonPath status = awaitStatus(id, "SUCCEEDED");
        assertTrue(status.getString("tenantId") != null);

        JsonPath result = given().header("Authorization", admin)
                .when().get("/v1/async/tenants/" + id + "/createresult")
                .then().statusCode(200)
                .body("id", equalTo(status.getString("tenantId")))
                .body("subdomain", equalTo(subdomain + ".vii.au01.landlord.test"))
                .body("client.clientSecret", startsWith("llsec_"))
                .body("client.roles", hasItem("admin"))
                .extract().jsonPath();
        TestTokens.token(result.getString("client.clientId"), result.getString("client.clientSecret"));

        given().header("Authorization", admin).when().get("/v1/async/tenants/" + id + "/createresult")
                .then().statusCode(410)
                .body("code", equalTo("Gone"));
        assertNull(operationRow(id).getBuffer("result_secret"), "the one-time secret is not kept after it was read");
    }

    @Test
    void a_burst_larger_than_the_concurrency_bound_waits_in_pending_and_none_is_lost() {
        List<CompletableFuture<HttpResponse<String>>> submissions = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String subdomain = TestTenants.uniqueSubdomain("burst");
            submissions.add(CompletableFuture.supplyAsync(() -> call("POST", "/v1/async/tenants", body(subdomain),
                    "Content-Type", "application/json")));
        }
        List<String> ids = submissions.stream().map(CompletableFuture::join).map(r -> {
            assertEquals(202, r.statusCode(), r.body());
            return JsonPath.from(r.body()).getString("id");
        }).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> "SUCCEEDED".equals(
                operationRow(id).getString("status"))));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("landlord_operations_time_to_succeeded_seconds_count"), "time to SUCCEEDED is measured");
        assertTrue(metrics.contains("landlord_operations_pending"), "pending depth is exported");
    }

    @Test
    void validation_errors_are_immediate() {
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"subdomain\":\"Not Valid\"}")
                .when().post("/v1/async/tenants")
                .then().statusCode(400)
                .body("details.param", hasItem("environmentId"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"subdomain\":\"fine\",\"environmentId\":\"" + UUID.randomUUID() + "\"}")
                .when().post("/v1/async/tenants")
                .then().statusCode(400)
                .body("details[0].param", equalTo("environmentId"));
    }

    @Test
    void a_subdomain_taken_meanwhile_fails_the_operation_with_a_conflict() {
        String subdomain = TestTenants.uniqueSubdomain("taken");
        TestTenants.create(admin, body(subdomain));
        String id = submit(body(subdomain));
        JsonPath status = awaitStatus(id, "FAILED");
        assertEquals("Conflict", status.getString("error.code"));
        given().header("Authorization", admin).when().get("/v1/async/tenants/" + id + "/createresult")
                .then().statusCode(409)
                .body("code", equalTo("Conflict"))
                .body("details[0].param", equalTo("subdomain"));
    }

    @Test
    void the_result_of_an_unfinished_operation_is_a_conflict_naming_its_status() {
        UUID id = insertOperation("RUNNING", TestTenants.uniqueSubdomain("held"), "now() + interval '1 hour'");
        given().header("Authorization", admin).when().get("/v1/async/tenants/" + id + "/createresult")
                .then().statusCode(409)
                .body("type", equalTo("OperationNotFinished"))
                .body("details[0].value", equalTo("RUNNING"));
    }

    @Test
    void twenty_parallel_result_reads_give_one_200_and_nineteen_410s() {
        String id = submit(body(TestTenants.uniqueSubdomain("once")));
        awaitStatus(id, "SUCCEEDED");
        List<CompletableFuture<HttpResponse<String>>> reads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            reads.add(CompletableFuture.supplyAsync(() -> call("GET", "/v1/async/tenants/" + id + "/createresult", null)));
        }
        Map<Integer, Long> statuses = reads.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertEquals(Map.of(200, 1L, 410, 19L), statuses);
    }

    @Test
    void the_same_idempotency_key_and_body_return_the_same_operation_even_in_parallel() {
        String key = "key-" + UUID.randomUUID();
        String subdomain = TestTenants.uniqueSubdomain("idem");
        List<CompletableFuture<HttpResponse<String>>> retries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            retries.add(CompletableFuture.supplyAsync(() -> call("POST", "/v1/async/tenants", body(subdomain),
                    "Content-Type", "application/json", "Idempotency-Key", key)));
        }
        Set<String> ids = retries.stream().map(CompletableFuture::join).map(r -> {
            assertEquals(202, r.statusCode(), r.body());
            return JsonPath.from(r.body()).getString("id");
        }).collect(Collectors.toSet());
        assertEquals(1, ids.size());
        awaitStatus(ids.iterator().next(), "SUCCEEDED");
        long tenants = pool.preparedQuery("SELECT count(*) FROM tenants WHERE subdomain = $1").execute(Tuple.of(subdomain))
                .await().indefinitely().iterator().next().getLong(0);
        assertEquals(1, tenants);
    }

    @Test
    void an_idempotency_key_reused_with_another_body_is_unprocessable() {
        String key = "key-" + UUID.randomUUID();
        given().header("Authorization", admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body(TestTenants.uniqueSubdomain("a"))).when().post("/v1/async/tenants").then().statusCode(202);
        given().header("Authorization", admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body(TestTenants.uniqueSubdomain("b"))).when().post("/v1/async/tenants")
                .then().statusCode(422)
                .body("type", equalTo("IdempotencyKeyReused"));
        given().header("Authorization", admin).header("Idempotency-Key", "x".repeat(256)).contentType(ContentType.JSON)
                .body(body(TestTenants.uniqueSubdomain("c"))).when().post("/v1/async/tenants")
                .then().statusCode(400)
                .body("details[0].location", equalTo("header"));
    }

    @Test
    void an_operation_left_running_with_an_expired_lease_is_finished_by_the_sweep() {
        String subdomain = TestTenants.uniqueSubdomain("orphan");
        UUID id = insertOperation("RUNNING", subdomain, "now() - interval '1 minute'");
        JsonPath status = awaitStatus(id.toString(), "SUCCEEDED");
        assertTrue(status.getString("tenantId") != null);
        assertEquals(2, operationRow(id.toString()).getInteger("attempts") + 1, "claimed exactly once more");
    }

    @Test
    void unread_results_expire_and_are_erased() {
        String id = submit(body(TestTenants.uniqueSubdomain("expire")));
        awaitStatus(id, "SUCCEEDED");
        pool.preparedQuery("UPDATE operations SET result_expires_at = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely();
        await().atMost(Duration.ofSeconds(15)).until(() -> operationRow(id).getBuffer("result_secret") == null);
        given().header("Authorization", admin).when().get("/v1/async/tenants/" + id + "/createresult").then().statusCode(410);
    }

    @Test
    void operations_are_listed_by_status_and_hidden_from_other_clients() {
        String id = submit(body(TestTenants.uniqueSubdomain("listed")));
        awaitStatus(id, "SUCCEEDED");
        given().header("Authorization", admin).queryParam("status", "SUCCEEDED").queryParam("limit", 1000)
                .when().get("/v1/operations")
                .then().statusCode(200);
        given().header("Authorization", admin).queryParam("status", "SLEEPING").when().get("/v1/operations")
                .then().statusCode(400).body("details[0].param", equalTo("status"));

        JsonPath viewer = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"viewer\",\"roles\":[\"platform-viewer\"]}")
                .when().post("/v1/management/clients").then().statusCode(201).extract().jsonPath();
        String viewerToken = TestTokens.bearer(TestTokens.token(viewer.getString("clientId"), viewer.getString("clientSecret")));
        given().header("Authorization", viewerToken).queryParam("limit", 1000).when().get("/v1/operations")
                .then().statusCode(200)
                .body("data.id", not(hasItem(id)));
        given().header("Authorization", viewerToken).when().get("/v1/async/tenants/" + id + "/createstatus").then().statusCode(403);
    }

    @Test
    void tenant_clients_and_anonymous_callers_cannot_use_async_creation() {
        JsonPath tenant = TestTenants.create(admin);
        given().header("Authorization", TestTenants.adminBearerOf(tenant)).contentType(ContentType.JSON)
                .body(body(TestTenants.uniqueSubdomain("nope"))).when().post("/v1/async/tenants").then().statusCode(403);
        given().when().get("/v1/async/tenants/" + UUID.randomUUID() + "/createstatus").then().statusCode(401);
        given().header("Authorization", admin).when().get("/v1/async/tenants/" + UUID.randomUUID() + "/createstatus")
                .then().statusCode(404);
    }
}
