package io.landlord.console;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestReceiver;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsoleSectionsTest {

    private static final Pattern DELIVERY = Pattern.compile("/deliveries/([0-9a-f-]{36})/redeliver");

    private static ConsoleBrowser admin() {
        return ConsoleBrowser.signIn(TestTokens.ADMIN_CLIENT_ID, TestTokens.ADMIN_CLIENT_SECRET);
    }

    @Test
    void an_api_key_made_in_the_console_is_shown_once_and_can_be_revoked() {
        String tenant = TestTenants.create(TestTokens.bearer(TestTokens.adminToken())).getString("id");
        ConsoleBrowser browser = admin();
        String base = "/console/tenants/" + tenant + "/applications";
        String listed = browser.form().formParam("productCode", "DSBRD").formParam("packageCode", "DSBRD_MAIN")
                .formParam("ttlHours", "24").when().post(base)
                .then().statusCode(200).body(containsString("DSBRD / DSBRD_MAIN")).extract().asString();
        Matcher app = Pattern.compile(base + "/([0-9a-f-]{36})/keys").matcher(listed);
        assertTrue(app.find(), listed);
        String withKey = browser.form().formParam("label", "web").formParam("env", "PROD").when().post(app.group())
                .then().statusCode(200).body(containsString("llkey_")).body(containsString("shown this once"))
                .extract().asString();
        browser.get(base).then().statusCode(200).body(not(containsString("llkey_"))).body(containsString("active"));
        Matcher revoke = Pattern.compile(base + "/[0-9a-f-]{36}/keys/[0-9a-f-]{36}/revoke").matcher(withKey);
        assertTrue(revoke.find(), withKey);
        browser.form().when().post(revoke.group()).then().statusCode(200).body(containsString("revoked"));
    }

    @Test
    void the_identity_provider_secret_is_kept_but_never_shown() {
        String tenant = TestTenants.create(TestTokens.bearer(TestTokens.adminToken())).getString("id");
        ConsoleBrowser browser = admin();
        String section = "/console/tenants/" + tenant + "/identity-provider";
        browser.get(section).then().statusCode(200).body(containsString("None configured"));
        browser.form().formParam("issuer", "https://login.acme.example").formParam("clientId", "landlord")
                .formParam("clientSecret", "idp-secret-never-shown").formParam("scopes", "openid email")
                .formParam("enabled", "true").when().post(section)
                .then().statusCode(200).body(containsString("kept (write-only")).body(not(containsString("idp-secret-never-shown")));
        browser.get(section).then().body(containsString("https://login.acme.example")).body(not(containsString("idp-secret-never-shown")));
        browser.form().formParam("issuer", "http://insecure.example").formParam("clientId", "landlord").when().post(section)
                .then().statusCode(400).body("details[0].param", containsString("issuer"));
    }

    @Test
    void a_tenant_admin_renames_its_tenancy() {
        JsonPath tenant = TestTenants.create(TestTokens.bearer(TestTokens.adminToken()));
        ConsoleBrowser browser = ConsoleBrowser.signIn(tenant.getString("client.clientId"), tenant.getString("client.clientSecret"));
        browser.form().formParam("displayName", "Renamed in the console").when().post("/console/tenancy")
                .then().statusCode(200).header("HX-Refresh", "true");
        browser.get("/console/tenancy").then().statusCode(200).body(containsString("Renamed in the console"));
    }

    @Test
    void a_webhook_page_shows_each_delivery_with_its_attempts_and_redelivers_it() throws Exception {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        String tenant = TestTenants.create(admin).getString("id");
        try (TestReceiver receiver = TestReceiver.start(attempt -> attempt == 1 ? 503 : 200)) {
            String webhook = given().header("Authorization", admin).contentType(ContentType.JSON)
                    .body("{\"url\":\"" + receiver.url("/console") + "\",\"eventTypes\":[\"TENANT_LOCK_SUCCESS\"],\"tenantId\":\"" + tenant + "\"}")
                    .when().post("/v1/webhooks").then().statusCode(201).extract().path("id");
            ConsoleBrowser browser = admin();
            browser.form().when().post("/console/tenants/" + tenant + "/lock").then().statusCode(200);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() ->
                    browser.get("/console/webhooks/" + webhook).asString().contains("SUCCEEDED"));
            String page = browser.get("/console/webhooks/" + webhook).then().statusCode(200)
                    .body(containsString("HTTP 503")).body(containsString("HTTP 200")).extract().asString();
            Matcher delivery = DELIVERY.matcher(page);
            assertTrue(delivery.find(), page);
            browser.form().when().post("/console/webhooks/" + webhook + "/deliveries/" + delivery.group(1) + "/redeliver")
                    .then().statusCode(200).header("HX-Refresh", "true");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    given().header("Authorization", admin).when().get("/v1/webhooks/" + webhook + "/deliveries")
                            .then().body("data[0].attempts.size()", equalTo(3)).body("data[0].status", equalTo("SUCCEEDED")));
            assertEquals(3, receiver.received("/console").size());
        }
    }
}
