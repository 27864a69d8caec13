package io.landlord.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.List;

/** Asynchronous operations for tests: submit, poll until final, read the result. */
public final class TestOperations {

    private TestOperations() {
    }

    /** POSTs {@code body} to {@code path} (a colon in it stays as it is). */
    public static ValidatableResponse post(String bearer, String path, String body) {
        return given().urlEncodingEnabled(false).header("Authorization", bearer).contentType(ContentType.JSON).body(body)
                .when().post(path).then();
    }

    /** Polls the operation's status until it is final, for at most 20 s; returns that status. */
    public static String awaitFinal(String bearer, String operationId) {
        Instant deadline = Instant.now().plusSeconds(20);
        String status;
        do {
            status = given().header("Authorization", bearer).when().get("/v1/operations/" + operationId)
                    .then().statusCode(200).extract().path("status");
        } while (!List.of("SUCCEEDED", "FAILED").contains(status) && Instant.now().isBefore(deadline));
        return status;
    }

    /** Submits, waits for SUCCEEDED and reads the result once. */
    public static JsonPath succeeded(String bearer, String path, String body) {
        String operationId = post(bearer, path, body).statusCode(202).extract().path("id");
        assertEquals("SUCCEEDED", awaitFinal(bearer, operationId));
        return result(bearer, operationId).statusCode(200).extract().jsonPath();
    }

    public static ValidatableResponse result(String bearer, String operationId) {
        return given().header("Authorization", bearer).when().get("/v1/operations/" + operationId + "/result").then();
    }
}
