package io.landlord.tenancy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PublicInfoRateLimitTest {

    @ConfigProperty(name = "landlord.public-info.requests-per-window")
    int limit;

    @Test
    void an_address_over_the_limit_gets_too_many_requests_with_retry_after_while_others_are_served() {
        String url = "/v1/tenancies/" + TestTenants.create(TestTokens.bearer(TestTokens.adminToken())).getString("id") + ":publicinfo";
        String address = TenancyResourceTest.someAddress();
        // the window may turn once while this runs, so twice the limit plus one is certain to cross it
        Response limited = null;
        for (int i = 0; i < 2 * limit + 1 && limited == null; i++) {
            Response response = given().header("X-Forwarded-For", address).when().get(url);
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertEquals(200, response.statusCode());
            }
        }
        assertTrue(limited != null, "no 429 after " + (2 * limit + 1) + " requests");
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        limited.then().body("code", equalTo("TooManyRequests")).body("type", equalTo("RateLimited"));
        given().header("X-Forwarded-For", TenancyResourceTest.someAddress()).when().get(url).then().statusCode(200);
    }

    @Test
    void unknown_ids_count_against_the_limit_too() {
        String address = TenancyResourceTest.someAddress();
        int status = 0;
        for (int i = 0; i < 2 * limit + 1 && status != 429; i++) {
            status = given().header("X-Forwarded-For", address).when()
                    .get("/v1/tenancies/" + java.util.UUID.randomUUID() + ":publicinfo").statusCode();
        }
        assertEquals(429, status, "enumerating unknown ids was never limited");
    }

    @Test
    void ipv6_clients_are_counted_by_their_slash_64() {
        assertEquals(PublicInfoRateLimiter.counterKey("2001:db8:1:2:aaaa::1"), PublicInfoRateLimiter.counterKey("2001:db8:1:2:bbbb::2"));
        assertNotEquals(PublicInfoRateLimiter.counterKey("2001:db8:1:2::1"), PublicInfoRateLimiter.counterKey("2001:db8:1:3::1"));
        assertEquals("192.0.2.7", PublicInfoRateLimiter.counterKey("192.0.2.7"));
    }
}
