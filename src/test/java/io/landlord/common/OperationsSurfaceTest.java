package io.landlord.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsSurfaceTest {

    @Inject
    Vertx vertx;

    @Test
    void readiness_checks_the_database() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void the_event_loops_run_on_the_native_epoll_transport() {
        assertTrue(vertx.isNativeTransportEnabled(), "Vert.x fell back to Java NIO");
    }

    @Test
    void liveness_is_up() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheus_metrics_are_served() {
        given().when().get("/.well-known/jwks.json").then().statusCode(200);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void swagger_ui_is_served() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_api_operation_has_an_operation_id_a_summary_and_documented_errors() {
        JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        assertFalse(paths.isEmpty());
        paths.forEach((path, item) -> item.forEach((method, raw) -> {
            if (path.startsWith("/test-probe")) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) raw;
            String where = method + " " + path;
            assertNotNull(operation.get("operationId"), where + " has no operationId");
            assertNotNull(operation.get("summary"), where + " has no summary");
            if (path.startsWith("/v1/")) {
                Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
                assertNotNull(operation.get("security"), where + " has no security requirement");
                boolean needsToken = !((java.util.List<?>) operation.get("security")).isEmpty();
                assertTrue(responses.containsKey("400") && (!needsToken || responses.containsKey("401") && responses.containsKey("403")),
                        where + " does not describe its errors");
                assertTrue(String.valueOf(operation.get("description")).contains("Permission:"),
                        where + " does not name its permission");
            }
        }));
        assertNotNull(doc.get("components.securitySchemes.bearer"));
        assertNotNull(doc.get("components.securitySchemes.clientCredentials"));
        assertNotNull(doc.get("components.schemas.Error"));
    }
}
