package io.landlord.console;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
class ConsoleTenantPagesTest {

    private static final Pattern OPERATION = Pattern.compile("/console/tenants/operations/([0-9a-f-]{36})");

    private static ConsoleBrowser admin() {
        return ConsoleBrowser.signIn(TestTokens.ADMIN_CLIENT_ID, TestTokens.ADMIN_CLIENT_SECRET);
    }

    @Test
    void creating_a_tenant_follows_its_operation_and_shows_the_admin_secret_once() {
        ConsoleBrowser browser = admin();
        String subdomain = TestTenants.uniqueSubdomain("console");
        String submitted = browser.form()
                .formParam("name", "Console Co").formParam("subdomain", subdomain)
                .formParam("environmentId", TestTenants.SYDNEY).formParam("type", "product")
                .when().post("/console/tenants")
                .then().statusCode(200).extract().asString();
        Matcher matcher = OPERATION.matcher(submitted);
        assertTrue(matcher.find(), submitted);
        String operation = matcher.group(1);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                browser.get("/console/tenants/operations/" + operation).asString().contains("/result"));
        String result = browser.form().when().post("/console/tenants/operations/" + operation + "/result")
                .then().statusCode(200).body(containsString("Console Co")).body(containsString("llsec_"))
                .body(containsString("shown this once")).extract().asString();
        assertTrue(result.contains("data-copy"), "a copy button");

        browser.form().when().post("/console/tenants/operations/" + operation + "/result")
                .then().statusCode(410);
        browser.get("/console/tenants?attribute=subdomain&operator=CONTAINS&text=" + subdomain)
                .then().statusCode(200).body(containsString("Console Co")).body(not(containsString("llsec_")));
    }

    @Test
    void a_refused_create_answers_the_api_error_with_the_field_it_concerns() {
        admin().form().formParam("subdomain", "Not A Subdomain").formParam("environmentId", TestTenants.SYDNEY)
                .when().post("/console/tenants")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("details[0].param", equalTo("subdomain"));
    }

    @Test
    void a_tenant_name_with_markup_is_shown_as_text() {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        String subdomain = TestTenants.uniqueSubdomain("xss");
        JsonPath tenant = TestTenants.create(admin, "{\"name\":\"<img src=x onerror=alert(1)>\",\"subdomain\":\"" + subdomain
                + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}");
        ConsoleBrowser browser = admin();
        String list = browser.get("/console/tenants?attribute=subdomain&operator=EQUALS&text=" + subdomain).asString();
        String page = browser.get("/console/tenants/" + tenant.getString("id")).asString();
        for (String html : new String[] { list, page }) {
            assertFalse(html.contains("<img src=x"), "markup from a name must not reach the page as markup");
            assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the name is shown as text");
        }
    }

    @Test
    void locking_a_tenant_from_its_page_refuses_its_clients_tokens() {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        JsonPath tenant = TestTenants.create(admin);
        ConsoleBrowser browser = admin();
        browser.form().when().post("/console/tenants/" + tenant.getString("id") + "/lock")
                .then().statusCode(200).header("HX-Refresh", "true");
        given().contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + tenant.getString("client.clientId")
                        + "\",\"client_secret\":\"" + tenant.getString("client.clientSecret") + "\"}")
                .when().post("/oauth/token")
                .then().statusCode(400).body("error_description", containsString("locked"));
        browser.get("/console/tenants/" + tenant.getString("id")).then().body(containsString("Unlock"));
    }

    @Test
    void deleting_a_tenant_needs_its_subdomain_typed() {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        JsonPath tenant = TestTenants.create(admin);
        String id = tenant.getString("id");
        ConsoleBrowser browser = admin();
        browser.form().formParam("confirm", "something-else").when().post("/console/tenants/" + id + "/delete")
                .then().statusCode(400).body("details[0].param", equalTo("confirm"));
        String label = tenant.getString("subdomain").substring(0, tenant.getString("subdomain").indexOf('.'));
        browser.form().formParam("confirm", label).when().post("/console/tenants/" + id + "/delete")
                .then().statusCode(200).header("HX-Redirect", "/console/tenants");
        given().header("Authorization", admin).when().get("/v1/tenants/" + id).then().statusCode(404);
    }

    @Test
    void a_tenant_client_rotated_in_the_console_shows_its_new_secret_once() {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        JsonPath tenant = TestTenants.create(admin);
        ConsoleBrowser browser = admin();
        String base = "/console/tenants/" + tenant.getString("id") + "/clients";
        browser.form().formParam("name", "Issuer app").formParam("roles", "issuer").when().post(base)
                .then().statusCode(200).body(containsString("Issuer app")).body(containsString("llsec_"));
        browser.form().when().post(base + "/" + tenant.getString("client.clientId") + "/secret")
                .then().statusCode(200).body(containsString("Secret rotated")).body(containsString("llsec_"));
        browser.get(base).then().statusCode(200).body(not(containsString("llsec_")));
        given().contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + tenant.getString("client.clientId")
                        + "\",\"client_secret\":\"" + tenant.getString("client.clientSecret") + "\"}")
                .when().post("/oauth/token").then().statusCode(401);
    }
}
