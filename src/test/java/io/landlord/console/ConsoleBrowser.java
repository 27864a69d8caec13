package io.landlord.console;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Drives the console as a browser would: cookies, the page's CSRF token, form posts. */
final class ConsoleBrowser {

    static final String SESSION = "landlord_console";
    private static final String SIGN_IN_COOKIE = "landlord_console_signin";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String session;
    private final String csrf;

    private ConsoleBrowser(String session, String csrf) {
        this.session = session;
        this.csrf = csrf;
    }

    /** The sign-in form's answer to a client id and secret. */
    static Response signInResponse(String clientId, String clientSecret) {
        Response form = given().redirects().follow(false).when().get("/console/sign-in");
        return given().redirects().follow(false)
                .cookie(SIGN_IN_COOKIE, form.getCookie(SIGN_IN_COOKIE))
                .formParam("csrf", csrfOf(form.asString()))
                .formParam("clientId", clientId)
                .formParam("clientSecret", clientSecret)
                .when().post("/console/sign-in");
    }

    static ConsoleBrowser signIn(String clientId, String clientSecret) {
        Response signedIn = signInResponse(clientId, clientSecret);
        if (signedIn.statusCode() != 303) {
            throw new AssertionError("sign-in failed: " + signedIn.statusCode());
        }
        ConsoleBrowser cookieOnly = new ConsoleBrowser(signedIn.getCookie(SESSION), null);
        Response home = cookieOnly.get("/console");
        // a tenant's client is sent on to its tenancy
        Response page = home.statusCode() == 303 ? cookieOnly.get(home.header("Location").replaceFirst("^https?://[^/]+", "")) : home;
        return new ConsoleBrowser(cookieOnly.session, csrfOf(page.asString()));
    }

    String session() {
        return session;
    }

    String csrf() {
        return csrf;
    }

    RequestSpecification request() {
        return given().redirects().follow(false).cookie(SESSION, session);
    }

    Response get(String path) {
        return request().when().get(path);
    }

    /** An htmx form post: the CSRF token as htmx sends it, in the X-CSRF-Token header. */
    RequestSpecification form() {
        return request().header("HX-Request", "true").header("X-CSRF-Token", csrf);
    }

    static String csrfOf(String html) {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token in the page");
        }
        return matcher.group(1);
    }
}
