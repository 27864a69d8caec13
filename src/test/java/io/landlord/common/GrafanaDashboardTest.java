package io.landlord.common;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** deploy/grafana/landlord.json queries only metrics that Landlord exposes on /q/metrics. */
@QuarkusTest
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("deploy/grafana/landlord.json");
    /** In the dashboard's PromQL every metric is written with a label selector: name{…}. */
    private static final Pattern SELECTED_METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    private static Set<String> queriedMetrics() throws IOException {
        Set<String> metrics = new TreeSet<>();
        for (JsonNode expr : new ObjectMapper().readTree(DASHBOARD.toFile()).findValues("expr")) {
            Matcher m = SELECTED_METRIC.matcher(expr.asText());
            while (m.find()) {
                metrics.add(m.group(1));
            }
        }
        return metrics;
    }

    private static Set<String> exposedMetrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toSet());
    }

    /** Traffic that makes every meter show: a token, a tenant, an operation run to the end, a webhook's deliveries. */
    private static void exercise() {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        TestTenants.create(admin);
        String operation = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"Dashboard\",\"subdomain\":\"" + TestTenants.uniqueSubdomain("dash")
                        + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                .when().post("/v1/async/tenants")
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(given().header("Authorization", admin)
                .when().get("/v1/async/tenants/" + operation + "/createstatus").then().extract().path("status")));
        given().header("Authorization", admin).when().get("/v1/webhooks/" + UUID.randomUUID() + "/deliveries")
                .then().statusCode(404);
    }

    @Test
    void every_metric_the_grafana_dashboard_queries_is_exposed_on_q_metrics() throws IOException {
        Set<String> queried = queriedMetrics();
        assertFalse(queried.isEmpty(), "no metric found in " + DASHBOARD);
        exercise();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Set<String> missing = new TreeSet<>(queried);
            missing.removeAll(exposedMetrics());
            assertTrue(missing.isEmpty(), "queried by the dashboard but not on /q/metrics: " + missing);
        });
    }
}
