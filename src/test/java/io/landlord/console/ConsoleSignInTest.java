package io.landlord.console;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsoleSignInTest {

    @Test
    void a_page_without_a_session_redirects_to_the_sign_in_form() {
        given().redirects().follow(false).when().get("/console/tenants")
                .then().statusCode(303).header("Location", "/console/sign-in");
    }

    @Test
    void an_htmx_request_without_a_session_is_told_to_load_the_sign_in_page() {
        given().redirects().follow(false).header("HX-Request", "true").when().get("/console/tenants")
                .then().statusCode(204).header("HX-Redirect", "/console/sign-in");
    }

    @Test
    void a_wrong_secret_shows_the_form_again_with_a_message_and_sets_no_session() {
        Response response = ConsoleBrowser.signInResponse(TestTokens.ADMIN_CLIENT_ID, "llsec_wrong");
        assertEquals(401, response.statusCode());
        assertTrue(response.asString().contains("Client id or secret is wrong"));
        assertTrue(response.asString().contains("name=\"clientSecret\""));
        assertNull(response.getCookie(ConsoleBrowser.SESSION));
    }

    @Test
    void the_right_secret_opens_an_http_only_strict_session_and_the_overview() {
        Response response = ConsoleBrowser.signInResponse(TestTokens.ADMIN_CLIENT_ID, TestTokens.ADMIN_CLIENT_SECRET);
        assertEquals(303, response.statusCode());
        assertEquals("/console", response.header("Location").replaceFirst("^https?://[^/]+", ""));
        String setCookie = response.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ConsoleBrowser.SESSION + "=")).findFirst().orElseThrow();
        assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/console"), setCookie);
        assertTrue(!setCookie.contains("Secure"), "plain HTTP: no Secure flag, or the browser would drop it: " + setCookie);
        given().redirects().follow(false).cookie(ConsoleBrowser.SESSION, response.getCookie(ConsoleBrowser.SESSION))
                .when().get("/console")
                .then().statusCode(200)
                .body(containsString("Overview"))
                .body(containsString(TestTokens.ADMIN_CLIENT_ID));
    }

    @Test
    void behind_a_proxy_that_says_https_the_session_cookie_is_secure() {
        Response form = given().header("X-Forwarded-Proto", "https").when().get("/console/sign-in");
        Response response = given().redirects().follow(false).header("X-Forwarded-Proto", "https")
                .cookie("landlord_console_signin", form.getCookie("landlord_console_signin"))
                .formParam("csrf", ConsoleBrowser.csrfOf(form.asString()))
                .formParam("clientId", TestTokens.ADMIN_CLIENT_ID)
                .formParam("clientSecret", TestTokens.ADMIN_CLIENT_SECRET)
                .when().post("/console/sign-in");
        assertEquals(303, response.statusCode());
        assertTrue(response.headers().getValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith(ConsoleBrowser.SESSION + "=") && c.contains("Secure")));
    }

    @Test
    void a_tampered_session_cookie_is_no_session() {
        ConsoleBrowser browser = ConsoleBrowser.signIn(TestTokens.ADMIN_CLIENT_ID, TestTokens.ADMIN_CLIENT_SECRET);
        String session = browser.session();
        String tampered = session.substring(0, session.length() - 2) + (session.endsWith("AA") ? "BB" : "AA");
        given().redirects().follow(false).cookie(ConsoleBrowser.SESSION, tampered).when().get("/console")
                .then().statusCode(303).header("Location", "/console/sign-in");
    }

    @Test
    void signing_out_clears_the_session_cookie() {
        ConsoleBrowser browser = ConsoleBrowser.signIn(TestTokens.ADMIN_CLIENT_ID, TestTokens.ADMIN_CLIENT_SECRET);
        Response out = browser.request().formParam("csrf", browser.csrf()).when().post("/console/sign-out");
        assertEquals(303, out.statusCode());
        String cleared = out.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ConsoleBrowser.SESSION + "=")).findFirst().orElseThrow();
        assertTrue(cleared.contains("Max-Age=0"), cleared);
    }

    @Test
    void the_console_cookie_does_not_authenticate_the_api() {
        ConsoleBrowser browser = ConsoleBrowser.signIn(TestTokens.ADMIN_CLIENT_ID, TestTokens.ADMIN_CLIENT_SECRET);
        given().cookie(ConsoleBrowser.SESSION, browser.session()).when().get("/v1/tenants")
                .then().statusCode(401).body("code", equalTo("Unauthorized"));
        given().cookie(ConsoleBrowser.SESSION, browser.session()).when().get("/v1/environments")
                .then().statusCode(401);
    }

    @Test
    void a_post_without_the_csrf_token_is_refused() {
        ConsoleBrowser browser = ConsoleBrowser.signIn(TestTokens.ADMIN_CLIENT_ID, TestTokens.ADMIN_CLIENT_SECRET);
        browser.request().when().post("/console/sign-out")
                .then().statusCode(403).body("type", equalTo("CsrfTokenInvalid"));
        browser.request().formParam("csrf", "not-the-token").when().post("/console/sign-out")
                .then().statusCode(403);
        browser.get("/console").then().statusCode(200).body(not(containsString("Sign in")));
    }

    @Test
    void a_sign_in_post_without_the_form_token_is_refused() {
        given().formParam("clientId", TestTokens.ADMIN_CLIENT_ID).formParam("clientSecret", TestTokens.ADMIN_CLIENT_SECRET)
                .when().post("/console/sign-in")
                .then().statusCode(403);
    }

    @Test
    void sign_ins_and_refused_sign_ins_are_in_the_audit_trail() {
        JsonPath client = given().header("Authorization", TestTokens.bearer(TestTokens.adminToken())).contentType(ContentType.JSON)
                .body("{\"name\":\"audited\",\"roles\":[\"platform-viewer\"]}")
                .when().post("/v1/management/clients").then().statusCode(201).extract().jsonPath();
        String clientId = client.getString("clientId");
        ConsoleBrowser.signInResponse(clientId, "llsec_wrong");
        ConsoleBrowser.signIn(clientId, client.getString("clientSecret"));
        String admin = TestTokens.bearer(TestTokens.adminToken());
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            given().header("Authorization", admin).when().get("/v1/events?actor=" + clientId + "&type=CONSOLE_SIGN_IN_FAIL")
                    .then().statusCode(200).body("data[0].errorCode", equalTo("invalid_client"));
            given().header("Authorization", admin).when().get("/v1/events?actor=" + clientId + "&type=CONSOLE_SIGN_IN_SUCCESS")
                    .then().statusCode(200).body("data.size()", equalTo(1));
        });
    }
}
