package io.landlord.packaged;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.EmbeddedDatabase;
import io.landlord.support.PackagedInstance;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL really stopped under a running instance, then started again: requests that need it answer 503 with
 * Retry-After in the API's error body, readiness is DOWN and liveness UP meanwhile, the log says WARN once and INFO
 * once (no ERROR), and what was acknowledged before is there after.
 */
class DatabaseOutageIT {

    private static String token(PackagedInstance instance) {
        return given().baseUri(instance.baseUrl()).contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + TestTokens.ADMIN_CLIENT_ID
                        + "\",\"client_secret\":\"" + TestTokens.ADMIN_CLIENT_SECRET + "\"}")
                .when().post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }

    private static int count(String log, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(log);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    @Test
    void while_the_database_is_down_requests_answer_503_and_the_service_recovers_when_it_is_back() {
        try (EmbeddedDatabase database = EmbeddedDatabase.start()) {
            var env = database.productionEnvironment("http://localhost:1");
            try (PackagedInstance app = PackagedInstance.start(env)) {
                String admin = "Bearer " + token(app);
                String tenantId = given().baseUri(app.baseUrl()).header("Authorization", admin).contentType(ContentType.JSON)
                        .body("{\"name\":\"Before\",\"subdomain\":\"" + TestTenants.uniqueSubdomain("outage")
                                + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                        .when().post("/v1/tenants").then().statusCode(201).extract().path("id");

                database.stop();

                for (int i = 0; i < 20; i++) {
                    for (Response response : List.of(
                            given().baseUri(app.baseUrl()).header("Authorization", admin).when().get("/v1/tenants"),
                            given().baseUri(app.baseUrl()).header("Authorization", admin).contentType(ContentType.JSON)
                                    .body("{\"name\":\"During\",\"subdomain\":\"" + TestTenants.uniqueSubdomain("down")
                                            + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                                    .when().post("/v1/tenants"),
                            given().baseUri(app.baseUrl()).contentType(ContentType.URLENC)
                                    .formParam("grant_type", "client_credentials")
                                    .formParam("client_id", TestTokens.ADMIN_CLIENT_ID)
                                    .formParam("client_secret", TestTokens.ADMIN_CLIENT_SECRET)
                                    .when().post("/oauth/token"))) {
                        response.then().statusCode(503).header("Retry-After", "2")
                                .body("code", equalTo("ServiceUnavailable")).body("type", equalTo("DatabaseUnavailable"));
                        assertFalse(response.asString().contains("Exception"), response.asString());
                    }
                }
                given().baseUri(app.baseUrl()).when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
                given().baseUri(app.baseUrl()).when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
                given().baseUri(app.baseUrl()).header("Authorization", admin).when().get("/v1/environments")
                        .then().statusCode(503);

                database.restart();

                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> given().baseUri(app.baseUrl())
                        .header("Authorization", admin).when().get("/v1/tenants/" + tenantId).statusCode() == 200);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                        .until(() -> given().baseUri(app.baseUrl()).when().get("/q/health/ready").statusCode() == 200);
                await().atMost(Duration.ofSeconds(10)).until(() -> app.log().contains("The database is reachable again"));
                token(app);

                String log = app.log();
                assertEquals(1, count(log, "The database cannot be reached"), log);
                assertEquals(1, count(log, "The database is reachable again"), log);
                assertEquals(0, count(log, "\"level\":\"ERROR\""), log);
                assertTrue(count(log, "\"level\":\"WARN\"") < 10, log);
            }
        }
    }
}
