package io.landlord.tenant;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Uniqueness and pagination hold under parallel requests, not only one at a time. */
@QuarkusTest
class TenantConcurrencyTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private CompletableFuture<HttpResponse<String>> post(String path, String bearer, String body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void fifty_parallel_creates_of_one_subdomain_give_one_tenant_and_forty_nine_conflicts() {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        String subdomain = TestTenants.uniqueSubdomain("race");
        String body = "{\"subdomain\":\"" + subdomain + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}";
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(post("/v1/tenants", admin, body));
        }
        Map<Integer, Long> statuses = calls.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertEquals(Map.of(201, 1L, 409, 49L), statuses);
        long stored = pool.preparedQuery("SELECT count(*) FROM tenants WHERE subdomain = $1").execute(Tuple.of(subdomain))
                .await().indefinitely().iterator().next().getLong(0);
        assertEquals(1, stored);
    }

    @Test
    void walking_all_pages_during_concurrent_writes_returns_no_row_twice_and_misses_none_that_existed_throughout()
            throws Exception {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        List<String> doomed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = TestTenants.create(admin).getString("id");
            if (i % 2 == 0) {
                doomed.add(id);
            }
        }
        Set<String> existing = new HashSet<>();
        pool.query("SELECT id FROM tenants").execute().await().indefinitely().forEach(row -> existing.add(row.getUUID(0).toString()));
        Set<String> stable = new HashSet<>(existing);
        stable.removeAll(doomed);

        AtomicBoolean walking = new AtomicBoolean(true);
        Set<String> createdMeanwhile = ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            int next = 0;
            while (walking.get()) {
                HttpResponse<String> created = post("/v1/tenants", admin, "{\"subdomain\":\"" + TestTenants.uniqueSubdomain("w")
                        + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}").join();
                assertEquals(201, created.statusCode());
                createdMeanwhile.add(JsonPath.from(created.body()).getString("id"));
                if (next < doomed.size()) {
                    given().header("Authorization", admin).when().delete("/v1/tenants/" + doomed.get(next++)).then().statusCode(204);
                }
            }
        });

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        try {
            do {
                var request = given().header("Authorization", admin).queryParam("limit", 7);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.when().get("/v1/tenants").then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("data.id"));
                cursor = page.getString("nextCursor");
                pages++;
            } while (cursor != null && pages < 10_000);
        } finally {
            walking.set(false);
            writer.get();
        }

        assertEquals(seen.size(), new HashSet<>(seen).size(), "a row was returned twice");
        Set<String> missing = new HashSet<>(stable);
        missing.removeAll(seen);
        assertEquals(Set.of(), missing, "rows that existed throughout were missed");
        assertTrue(!createdMeanwhile.isEmpty(), "the writer ran during the walk");
    }
}
