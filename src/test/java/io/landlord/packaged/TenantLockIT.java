package io.landlord.packaged;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.landlord.support.EmbeddedDatabase;
import io.landlord.support.PackagedInstance;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A lock made through one instance is enforced by another instance on the same database within seconds. */
class TenantLockIT {

    private static String token(PackagedInstance instance, String clientId, String secret) {
        return given().baseUri(instance.baseUrl()).contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + secret + "\"}")
                .when().post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }

    private static int statusOnB(PackagedInstance b, String tenantToken, String tenantId) {
        return given().baseUri(b.baseUrl()).header("Authorization", "Bearer " + tenantToken)
                .when().get("/v1/tenants/" + tenantId).then().extract().statusCode();
    }

    @Test
    void a_lock_made_on_one_instance_refuses_the_tenants_tokens_on_another() {
        try (EmbeddedDatabase database = EmbeddedDatabase.start()) {
            var env = database.productionEnvironment("http://localhost:1");
            try (PackagedInstance a = PackagedInstance.start(env); PackagedInstance b = PackagedInstance.start(env)) {
                String admin = token(a, TestTokens.ADMIN_CLIENT_ID, TestTokens.ADMIN_CLIENT_SECRET);
                JsonPath tenant = given().baseUri(a.baseUrl()).header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                        .body("{\"subdomain\":\"" + TestTenants.uniqueSubdomain("lock") + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                        .when().post("/v1/tenants").then().statusCode(201).extract().jsonPath();
                String id = tenant.getString("id");
                String tenantToken = token(b, tenant.getString("client.clientId"), tenant.getString("client.clientSecret"));
                await().atMost(Duration.ofSeconds(5)).until(() -> statusOnB(b, tenantToken, id) == 200);

                given().baseUri(a.baseUrl()).header("Authorization", "Bearer " + admin)
                        .when().put("/v1/tenants/" + id + "/lock").then().statusCode(200);
                await().atMost(Duration.ofSeconds(5)).until(() -> statusOnB(b, tenantToken, id) == 403);

                given().baseUri(a.baseUrl()).header("Authorization", "Bearer " + admin)
                        .when().put("/v1/tenants/" + id + "/unlock").then().statusCode(200);
                await().atMost(Duration.ofSeconds(5)).until(() -> statusOnB(b, tenantToken, id) == 200);
            }
        }
    }
}
