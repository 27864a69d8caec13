package io.landlord.environment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.common.pagination.Cursors;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class EnvironmentPaginationTest {

    @Inject
    Pool pool;

    private String token;

    @BeforeEach
    void authenticate() {
        token = TestTokens.bearer(TestTokens.adminToken());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "1001", "-1", "abc", "1.5" })
    void an_out_of_range_or_non_numeric_limit_is_a_bad_request(String limit) {
        given().header("Authorization", token).queryParam("limit", limit)
                .when().get("/v1/environments")
                .then().statusCode(400)
                .body("type", equalTo("ValidationError"))
                .body("details[0].param", equalTo("limit"))
                .body("details[0].location", equalTo("query"))
                .body("details[0].value", equalTo(limit));
    }

    @ParameterizedTest
    @ValueSource(strings = { "garbage!", "bm90LWEtY3Vyc29y", "MQ" })
    void a_malformed_cursor_is_a_bad_request(String cursor) {
        given().header("Authorization", token).queryParam("cursor", cursor)
                .when().get("/v1/environments")
                .then().statusCode(400)
                .body("details[0].param", equalTo("cursor"))
                .body("details[0].location", equalTo("query"));
    }

    @Test
    void walking_every_page_returns_every_environment_exactly_once_in_order() {
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            pool.preparedQuery("INSERT INTO environments (id, name, domain, deployment_model, authorization_server_domain,"
                    + " region_id, region_name, region_display_name) VALUES ($1, 'walk', $2, 'public', 'auth', $1, 'r', 'R')")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, "walk-" + id + ".test")).await().indefinitely();
        }
        List<String> expected = new ArrayList<>();
        for (Row row : pool.query("SELECT id FROM environments ORDER BY created_at, id").execute().await().indefinitely()) {
            expected.add(row.getUUID("id").toString());
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().header("Authorization", token).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/v1/environments").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("data.id"));
            cursor = page.getString("nextCursor");
            pages++;
            assertTrue(pages <= expected.size(), "pagination does not terminate");
        } while (cursor != null);

        assertEquals(expected, seen);
        Set<String> unique = new HashSet<>(seen);
        assertEquals(seen.size(), unique.size());
    }

    @Test
    void the_last_page_has_no_next_cursor() {
        given().header("Authorization", token).queryParam("limit", 1000)
                .when().get("/v1/environments")
                .then().statusCode(200)
                .body("$", not(hasKey("nextCursor")));
    }

    @Test
    void a_cursor_past_the_end_returns_an_empty_page() {
        String pastTheEnd = Cursors.encode(List.of(Instant.parse("9999-12-31T00:00:00Z"), UUID.randomUUID()));
        given().header("Authorization", token).queryParam("cursor", pastTheEnd)
                .when().get("/v1/environments")
                .then().statusCode(200)
                .body("data", empty())
                .body("$", not(hasKey("nextCursor")));
    }

    @Test
    void the_default_limit_is_one_hundred() {
        JsonPath page = given().header("Authorization", token)
                .when().get("/v1/environments").then().statusCode(200).extract().jsonPath();
        assertTrue(page.getList("data").size() <= 100);
    }
}
