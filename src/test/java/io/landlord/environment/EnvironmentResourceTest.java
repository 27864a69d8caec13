package io.landlord.environment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.landlord.support.TestTokens;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EnvironmentResourceTest {

    private static final String SYDNEY = "fa605282-0223-4ae0-831d-af368bc39a55";

    @Inject
    Pool pool;

    @Inject
    Event<StartupEvent> startup;

    @Test
    void listing_environments_returns_the_seeded_ones() {
        given().header("Authorization", TestTokens.bearer(TestTokens.adminToken()))
                .when().get("/v1/environments")
                .then().statusCode(200)
                .body("data.id", hasItem(SYDNEY))
                .body("data.find { it.id == '" + SYDNEY + "' }.region.name", equalTo("au01"));
    }

    @Test
    void an_environment_is_read_by_id_in_the_seed_shape() {
        given().header("Authorization", TestTokens.bearer(TestTokens.adminToken()))
                .when().get("/v1/environments/" + SYDNEY)
                .then().statusCode(200)
                .body("id", equalTo(SYDNEY))
                .body("name", equalTo("Public Sydney, Australia"))
                .body("domain", equalTo("vii.au01.landlord.test"))
                .body("deploymentModel", equalTo("public"))
                .body("authorizationServerDomain", equalTo("auth.au01.landlord.test"))
                .body("region.id", equalTo("70bb433a-f0ec-4297-ad76-3b09c71311f3"))
                .body("region.displayName", equalTo("Sydney, Australia"));
    }

    @Test
    void an_unknown_environment_is_not_found() {
        given().header("Authorization", TestTokens.bearer(TestTokens.adminToken()))
                .when().get("/v1/environments/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404)
                .body("code", equalTo("NotFound"))
                .body("type", equalTo("NotFound"));
    }

    @Test
    void seeding_again_changes_nothing() {
        String before = snapshot();
        startup.fire(new StartupEvent());
        assertEquals(before, snapshot());
    }

    private String snapshot() {
        StringBuilder rows = new StringBuilder();
        pool.query("SELECT id, updated_at FROM environments WHERE id IN ('" + SYDNEY + "', '84ca6f53-5405-4413-a6ad-848b781807e7')"
                + " ORDER BY id").execute().await().indefinitely()
                .forEach(row -> rows.append(row.getUUID(0)).append('@').append(row.getOffsetDateTime(1)).append(';'));
        rows.append(pool.query("SELECT count(*) FROM clients WHERE client_id = '" + TestTokens.ADMIN_CLIENT_ID + "'")
                .execute().await().indefinitely().iterator().next().getLong(0));
        return rows.toString();
    }
}
