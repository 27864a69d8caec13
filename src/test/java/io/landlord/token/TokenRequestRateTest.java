package io.landlord.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The optional per-address request rate of /oauth/token (landlord.client-auth.requests-per-window), here 5 an hour: a
 * window that long keeps a test's few requests inside one window (a fixed window resets at its boundary).
 */
@QuarkusTest
@TestProfile(TokenRequestRateTest.FiveTokenRequestsAnHour.class)
class TokenRequestRateTest {

    public static class FiveTokenRequestsAnHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("landlord.client-auth.requests-per-window", "5", "landlord.client-auth.window", "PT1H");
        }
    }

    @Inject
    Pool pool;

    private static String someAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.19." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static Response tokenRequest(String address, String clientId, String secret) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId).formParam("client_secret", secret)
                .when().post("/oauth/token");
    }

    private long counted(String address) {
        return pool.preparedQuery("SELECT hits FROM public_info_rate_limits WHERE client_address = $1")
                .execute(Tuple.of("oauth " + address)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void past_the_rate_an_address_gets_429_with_retry_after_whatever_client_it_names_while_another_address_is_served() {
        String address = someAddress();
        for (int i = 0; i < 5; i++) {
            tokenRequest(address, TestTokens.ADMIN_CLIENT_ID, TestTokens.ADMIN_CLIENT_SECRET).then().statusCode(200);
        }

        Response limited = tokenRequest(address, TestTokens.ADMIN_CLIENT_ID, TestTokens.ADMIN_CLIENT_SECRET);
        limited.then().statusCode(429).body("code", equalTo("TooManyRequests"));
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 3600, "Retry-After " + retryAfter);
        tokenRequest(address, "some-other-client", "llsec_guess").then().statusCode(429).body("code", equalTo("TooManyRequests"));
        assertEquals(7, counted(address));

        tokenRequest(someAddress(), TestTokens.ADMIN_CLIENT_ID, TestTokens.ADMIN_CLIENT_SECRET).then().statusCode(200);
    }
}
