package io.landlord.token;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BruteForceProtectionTest {

    @Inject
    Pool pool;

    private static String someAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.18." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static Response attempt(String clientId, String secret, String address) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId).formParam("client_secret", secret)
                .when().post("/oauth/token");
    }

    private static JsonPath newTenantClient() {
        return TestTenants.create(TestTokens.bearer(TestTokens.adminToken()));
    }

    private Row failures(String clientId, String address) {
        return pool.preparedQuery("SELECT failures, lockouts, locked_until FROM client_auth_failures WHERE client_id = $1 AND client_address = $2")
                .execute(Tuple.of(clientId, address)).await().indefinitely().iterator().next();
    }

    private long throttledEvents(String clientId) {
        return pool.preparedQuery("SELECT count(*) FROM event_log WHERE type = 'CLIENT_AUTH_THROTTLED' AND payload->>'clientId' = $1")
                .execute(Tuple.of(clientId)).await().indefinitely().iterator().next().getLong(0);
    }

    private void fail(String clientId, String address, int times) {
        for (int i = 0; i < times; i++) {
            attempt(clientId, "llsec_guess_" + i, address).then().statusCode(401).body("error", equalTo("invalid_client"));
        }
    }

    @Test
    void past_ten_failures_a_minute_the_pair_is_throttled_even_with_the_right_secret() {
        JsonPath tenant = newTenantClient();
        String clientId = tenant.getString("client.clientId");
        String address = someAddress();

        fail(clientId, address, 10);
        attempt(clientId, "llsec_guess_11", address).then().statusCode(429)
                .header("Retry-After", "60").body("code", equalTo("TooManyRequests"));
        Response right = attempt(clientId, tenant.getString("client.clientSecret"), address);

        assertEquals(429, right.statusCode());
        int retryAfter = Integer.parseInt(right.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);
        Row row = failures(clientId, address);
        assertEquals(1, row.getInteger("lockouts"));
        assertTrue(row.getOffsetDateTime("locked_until") != null);
        await().atMost(Duration.ofSeconds(6)).until(() -> throttledEvents(clientId) == 1);
    }

    @Test
    void the_same_client_from_another_address_is_unaffected_and_an_ipv6_client_counts_by_its_64() {
        JsonPath tenant = newTenantClient();
        String clientId = tenant.getString("client.clientId");
        String secret = tenant.getString("client.clientSecret");

        fail(clientId, "2001:db8:7:7:aaaa::1", 10);
        attempt(clientId, "llsec_guess", "2001:db8:7:7:bbbb::2").then().statusCode(429);

        attempt(clientId, secret, "2001:db8:7:8::1").then().statusCode(200);
        attempt(clientId, secret, someAddress()).then().statusCode(200);
        attempt(clientId, secret, "2001:db8:7:7:cccc::3").then().statusCode(429);
    }

    @Test
    void the_back_off_doubles_with_each_lock_out() {
        JsonPath tenant = newTenantClient();
        String clientId = tenant.getString("client.clientId");
        String address = someAddress();
        fail(clientId, address, 10);
        attempt(clientId, "llsec_guess", address).then().statusCode(429).header("Retry-After", "60");

        pool.preparedQuery("UPDATE client_auth_failures SET locked_until = clock_timestamp() - interval '1 second'"
                + " WHERE client_id = $1 AND client_address = $2").execute(Tuple.of(clientId, address)).await().indefinitely();
        fail(clientId, address, 10);

        attempt(clientId, "llsec_guess", address).then().statusCode(429).header("Retry-After", "120");
        assertEquals(2, failures(clientId, address).getInteger("lockouts"));
    }

    @Test
    void a_success_forgets_the_pair_s_failures() {
        JsonPath tenant = newTenantClient();
        String clientId = tenant.getString("client.clientId");
        String address = someAddress();
        fail(clientId, address, 9);

        attempt(clientId, tenant.getString("client.clientSecret"), address).then().statusCode(200);

        fail(clientId, address, 10);
        attempt(clientId, tenant.getString("client.clientSecret"), address).then().statusCode(200);
    }

    @Test
    void an_unknown_client_id_is_throttled_like_a_known_one() {
        String clientId = "no-such-client-" + System.nanoTime();
        String address = someAddress();

        fail(clientId, address, 10);

        attempt(clientId, "llsec_guess", address).then().statusCode(429);
    }

    @Test
    void concurrent_failures_past_the_threshold_lock_the_pair_out_exactly_once() throws Exception {
        JsonPath tenant = newTenantClient();
        String clientId = tenant.getString("client.clientId");
        String address = someAddress();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String guess = "llsec_guess_" + i;
                calls.add(() -> attempt(clientId, guess, address).statusCode());
            }
            for (Future<Integer> status : threads.invokeAll(calls)) {
                statuses.add(status.get());
            }
        } finally {
            threads.shutdown();
        }

        assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 429), statuses.toString());
        assertTrue(statuses.contains(429), statuses.toString());
        assertEquals(1, failures(clientId, address).getInteger("lockouts"));
        attempt(clientId, tenant.getString("client.clientSecret"), address).then().statusCode(429);
        await().atMost(Duration.ofSeconds(6)).until(() -> throttledEvents(clientId) == 1);
    }
}
