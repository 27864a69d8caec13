package io.landlord.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ErrorModelTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void bean_validation_lists_every_invalid_field_in_details() {
        given().contentType(ContentType.JSON).body("{\"name\":\" \",\"slug\":\"Not Valid\",\"size\":42}")
                .when().post("/test-probe/body")
                .then().statusCode(400)
                .body("code", equalTo("BadRequest"))
                .body("type", equalTo("ValidationError"))
                .body("details.param", containsInAnyOrder("name", "size", "slug"))
                .body("details.location", not(hasItem(not(equalTo("body")))))
                .body("details.find { it.param == 'slug' }.value", equalTo("Not Valid"));
    }

    @Test
    void malformed_json_is_a_bad_request_in_the_error_body() {
        given().contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/test-probe/body")
                .then().statusCode(400)
                .body("code", equalTo("BadRequest"))
                .body("type", equalTo("ValidationError"))
                .body("details[0].msg", equalTo("Malformed JSON"))
                .body(not(containsString("jackson")));
    }

    @Test
    void an_unknown_field_is_named_in_details() {
        given().contentType(ContentType.JSON).body("{\"name\":\"a\",\"slug\":\"b\",\"size\":1,\"extra\":true}")
                .when().post("/test-probe/body")
                .then().statusCode(400)
                .body("details[0].param", equalTo("extra"))
                .body("details[0].msg", equalTo("Unknown field"));
    }

    @Test
    void an_unknown_enum_value_is_named_in_details() {
        given().contentType(ContentType.JSON).body("{\"name\":\"a\",\"slug\":\"b\",\"size\":1,\"colour\":\"PURPLE\"}")
                .when().post("/test-probe/body")
                .then().statusCode(400)
                .body("details[0].param", equalTo("colour"))
                .body("details[0].value", equalTo("PURPLE"));
    }

    @Test
    void a_valid_body_passes_the_probe() {
        given().contentType(ContentType.JSON).body("{\"name\":\"a\",\"slug\":\"b\",\"size\":1,\"colour\":\"RED\"}")
                .when().post("/test-probe/body")
                .then().statusCode(200)
                .body("colour", equalTo("RED"));
    }

    @Test
    void a_wrong_content_type_is_unsupported_media_type() {
        given().contentType(ContentType.TEXT).body("name=a")
                .when().post("/test-probe/body")
                .then().statusCode(415)
                .body("code", equalTo("UnsupportedMediaType"));
    }

    @Test
    void a_body_over_one_mebibyte_is_payload_too_large() {
        String big = "{\"name\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        given().contentType(ContentType.JSON).body(big)
                .when().post("/test-probe/body")
                .then().statusCode(413)
                .body("code", equalTo("PayloadTooLarge"))
                .body("type", equalTo("PayloadTooLarge"));
    }

    @Test
    void a_non_uuid_id_in_the_path_is_not_found_in_the_error_body() {
        given().when().get("/test-probe/ids/not-a-uuid")
                .then().statusCode(404)
                .body("code", equalTo("NotFound"));
    }

    @Test
    void an_unexpected_failure_is_a_500_with_the_request_id_and_no_internals() {
        given().header("X-Request-Id", "probe-500-abc")
                .when().get("/test-probe/boom")
                .then().statusCode(500)
                .header("X-Request-Id", "probe-500-abc")
                .body("code", equalTo("InternalServerError"))
                .body("requestId", equalTo("probe-500-abc"))
                .body(not(containsString("SELECT")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void a_composite_failure_is_reported_as_its_first_cause() {
        given().when().get("/test-probe/composite")
                .then().statusCode(404)
                .body("type", equalTo("NotFound"));
    }

    @Test
    void a_unique_constraint_violation_is_a_conflict_not_a_500() {
        given().when().post("/test-probe/duplicate")
                .then().statusCode(409)
                .body("code", equalTo("Conflict"))
                .body(not(containsString("duplicate key")));
    }

    @Test
    void a_connection_the_database_drops_is_a_503_to_retry_not_a_500() {
        given().when().get("/test-probe/connection-lost")
                .then().statusCode(503)
                .header("Retry-After", "2")
                .body("code", equalTo("ServiceUnavailable"))
                .body("type", equalTo("DatabaseUnavailable"))
                .body(not(containsString("terminat")));
    }

    @Test
    void every_response_carries_a_generated_request_id() {
        given().when().get("/.well-known/jwks.json")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern(UUID_PATTERN));
    }

    @Test
    void a_request_id_sent_by_the_caller_is_echoed() {
        given().header("X-Request-Id", "caller-chosen-42")
                .when().get("/.well-known/jwks.json")
                .then().header("X-Request-Id", equalTo("caller-chosen-42"));
    }

    @Test
    void an_unsafe_request_id_is_replaced() {
        given().header("X-Request-Id", "bad id with spaces\"<script>")
                .when().get("/.well-known/jwks.json")
                .then().header("X-Request-Id", matchesPattern(UUID_PATTERN));
    }

    @Test
    void an_unknown_api_path_is_not_found_in_the_error_body() {
        given().header("Authorization", TestTokens.bearer(TestTokens.adminToken()))
                .when().get("/v1/no-such-thing")
                .then().statusCode(404)
                .body("code", equalTo("NotFound"))
                .header("X-Request-Id", notNullValue());
    }
}
