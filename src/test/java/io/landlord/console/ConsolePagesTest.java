package io.landlord.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.SseSubscription;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsolePagesTest {

    @TestHTTPResource("/console/events/stream")
    URI stream;

    private static ConsoleBrowser admin() {
        return ConsoleBrowser.signIn(TestTokens.ADMIN_CLIENT_ID, TestTokens.ADMIN_CLIENT_SECRET);
    }

    private static JsonPath managementClient(String role) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.adminToken())).contentType(ContentType.JSON)
                .body("{\"name\":\"console " + role + "\",\"roles\":[\"" + role + "\"]}")
                .when().post("/v1/management/clients").then().statusCode(201).extract().jsonPath();
    }

    private static void assertSecurityHeaders(Response response, String path) {
        String csp = response.header("Content-Security-Policy");
        assertTrue(csp != null && csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'")
                && !csp.contains("unsafe-inline"), path + ": " + csp);
        assertEquals("DENY", response.header("X-Frame-Options"), path);
        assertEquals("nosniff", response.header("X-Content-Type-Options"), path);
    }

    @Test
    void every_page_and_asset_carries_the_security_headers() {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        String tenant = TestTenants.create(admin).getString("id");
        String webhook = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/hook\"}").when().post("/v1/webhooks")
                .then().statusCode(201).extract().path("id");
        ConsoleBrowser browser = admin();
        List<String> pages = List.of("/console", "/console/environments", "/console/tenants", "/console/tenants/" + tenant,
                "/console/tenants/" + tenant + "/clients", "/console/tenants/" + tenant + "/entitlements",
                "/console/tenants/" + tenant + "/applications", "/console/tenants/" + tenant + "/identity-provider",
                "/console/tenants/" + tenant + "/domain", "/console/tenants/" + tenant + "/events",
                "/console/tenants/" + tenant + "/subtenants", "/console/clients", "/console/clients/section",
                "/console/operations", "/console/operations?status=FAILED", "/console/events", "/console/webhooks",
                "/console/webhooks/" + webhook);
        for (String page : pages) {
            Response response = browser.get(page);
            assertEquals(200, response.statusCode(), page);
            assertSecurityHeaders(response, page);
            assertTrue(!response.asString().contains("<script>") && !response.asString().contains(" onclick="),
                    page + ": no inline script");
        }
        for (String asset : List.of("/console/sign-in", "/console/assets/console.css", "/console/assets/console.js",
                "/webjars/htmx.org/dist/htmx.min.js")) {
            Response response = given().when().get(asset);
            assertEquals(200, response.statusCode(), asset);
            assertSecurityHeaders(response, asset);
        }
        assertSecurityHeaders(given().redirects().follow(false).when().get("/console/tenants"), "redirect");
    }

    @Test
    void a_viewer_sees_no_change_and_its_posts_are_refused() {
        JsonPath viewer = managementClient("platform-viewer");
        ConsoleBrowser browser = ConsoleBrowser.signIn(viewer.getString("clientId"), viewer.getString("clientSecret"));
        String tenant = TestTenants.create(TestTokens.bearer(TestTokens.adminToken())).getString("id");
        browser.get("/console/tenants").then().statusCode(200).body(not(containsString("Create a tenant")));
        browser.get("/console/tenants/" + tenant).then().statusCode(200)
                .body(not(containsString("/lock\""))).body(not(containsString("Delete tenant")));
        browser.form().when().post("/console/tenants/" + tenant + "/lock").then().statusCode(403);
        browser.form().formParam("subdomain", TestTenants.uniqueSubdomain("viewer")).formParam("environmentId", TestTenants.SYDNEY)
                .when().post("/console/tenants").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(TestTokens.adminToken())).when().get("/v1/tenants/" + tenant)
                .then().body("locked", equalTo(false));
    }

    @Test
    void a_tenant_admin_sees_its_own_tenancy_and_nothing_of_another_tenant() {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        JsonPath own = TestTenants.create(admin);
        String other = TestTenants.create(admin).getString("id");
        ConsoleBrowser browser = ConsoleBrowser.signIn(own.getString("client.clientId"), own.getString("client.clientSecret"));
        browser.get("/console").then().statusCode(303).header("Location", containsString("/console/tenancy"));
        browser.get("/console/tenancy").then().statusCode(200).body(containsString("Test tenant"))
                .body(not(containsString("/console/tenants\"")));
        browser.get("/console/tenants/" + own.getString("id") + "/clients").then().statusCode(200)
                .body(containsString(own.getString("client.clientId")));
        browser.get("/console/tenants/" + other + "/clients").then().statusCode(404);
        browser.get("/console/tenants").then().statusCode(403);
        browser.get("/console/webhooks").then().statusCode(403);
    }

    @Test
    void an_entitlement_shows_its_usage_chart_with_the_quantity_and_80_percent_lines() {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        String tenant = TestTenants.create(admin).getString("id");
        ConsoleBrowser browser = admin();
        browser.form().formParam("type", "USERS").formParam("quantity", "100").formParam("contractMode", "TRIAL")
                .when().post("/console/tenants/" + tenant + "/entitlements")
                .then().statusCode(200).body(containsString("<svg class=\"chart\""))
                .body(containsString("class=\"limit\"")).body(containsString("class=\"threshold\""))
                .body(containsString("80 %"));
        browser.form().formParam("type", "USERS").formParam("quantity", "many").formParam("contractMode", "TRIAL")
                .when().post("/console/tenants/" + tenant + "/entitlements")
                .then().statusCode(400).body("details[0].param", equalTo("quantity"));
    }

    @Test
    void a_webhook_registered_in_the_console_shows_its_secret_once() {
        ConsoleBrowser browser = admin();
        String created = browser.form().formParam("url", "http://127.0.0.1:9/console-hook").formParam("eventTypes", "TENANT_LOCK_SUCCESS")
                .when().post("/console/webhooks").then().statusCode(200).body(containsString("whsec_")).extract().asString();
        assertTrue(created.contains("shown this once"));
        browser.get("/console/webhooks").then().statusCode(200).body(containsString("console-hook")).body(not(containsString("whsec_")));
        browser.form().formParam("url", "ftp://nowhere").when().post("/console/webhooks")
                .then().statusCode(400).body("details[0].param", equalTo("url"));
    }

    @Test
    void the_live_tail_receives_a_lock_made_after_it_opened() throws Exception {
        String tenant = TestTenants.create(TestTokens.bearer(TestTokens.adminToken())).getString("id");
        ConsoleBrowser browser = admin();
        try (SseSubscription tail = SseSubscription.open(URI.create(stream + "?tenantId=" + tenant), "Cookie",
                ConsoleBrowser.SESSION + "=" + browser.session(), null)) {
            browser.form().when().post("/console/tenants/" + tenant + "/lock").then().statusCode(200);
            List<SseSubscription.Frame> frames = tail.take(2, Duration.ofSeconds(10));
            assertEquals("TENANT_LOCK_START", JsonPath.from(frames.get(0).data()).getString("type"));
            assertEquals("TENANT_LOCK_SUCCESS", JsonPath.from(frames.get(1).data()).getString("type"));
            assertEquals(TestTokens.ADMIN_CLIENT_ID, JsonPath.from(frames.get(1).data()).getString("actor"));
        }
    }

    @Test
    void the_console_goes_compressed_to_a_browser_that_accepts_it_and_the_api_as_before() {
        ConsoleBrowser browser = admin();
        assertEquals("gzip", browser.request().header("Accept-Encoding", "gzip").when().get("/console/tenants")
                .header("Content-Encoding"));
        assertEquals("gzip", given().header("Accept-Encoding", "gzip").when().get("/webjars/htmx.org/dist/htmx.min.js")
                .header("Content-Encoding"));
        assertEquals(null, given().header("Accept-Encoding", "gzip").header("Authorization", TestTokens.bearer(TestTokens.adminToken()))
                .when().get("/v1/environments").header("Content-Encoding"));
    }
}
