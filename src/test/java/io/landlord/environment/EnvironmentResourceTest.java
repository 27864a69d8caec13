package io.landlord.environment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EnvironmentResourceTest {

    @Test
    void listing_environments_returns_the_seeded_ones() {
        given().header("Authorization", TestTokens.bearer(TestTokens.adminToken()))
                .when().get("/v1/environments")
                .then().statusCode(200)
                .body("data.id", hasItem("fa605282-0223-4ae0-831d-af368bc39a55"))
                .body("data.find { it.id == 'fa605282-0223-4ae0-831d-af368bc39a55' }.region.name", equalTo("au01"));
    }
}
