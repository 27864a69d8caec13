package io.landlord.console;

import io.landlord.common.time.Clock;
import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs before every console route (pages, assets, and the htmx WebJar): puts the security headers on the response,
 * sends a request without a usable session to the sign-in page, and keeps an active session's idle clock running.
 * The session it finds is left on the request for {@link ConsoleSessionMechanism}; no other path ever reads the
 * console cookie, so it cannot authenticate the API.
 */
@ApplicationScoped
public class ConsoleGate {

    static final String SESSION_ATTRIBUTE = "landlord.console.session";
    static final String SIGN_IN = "/console/sign-in";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final ConsoleCookies cookies;

    public ConsoleGate(ConsoleCookies cookies) {
        this.cookies = cookies;
    }

    @RouteFilter(RouteFilter.DEFAULT_PRIORITY + 80)
    void guard(RoutingContext rc) {
        String path = rc.normalizedPath();
        boolean console = path.equals("/console") || path.startsWith("/console/");
        if (!console && !path.startsWith("/webjars/")) {
            rc.next();
            return;
        }
        MultiMap headers = rc.response().headers();
        headers.set("Content-Security-Policy", CSP)
                .set("X-Frame-Options", "DENY")
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "same-origin")
                .set("Cross-Origin-Opener-Policy", "same-origin");
        if (!console || path.startsWith("/console/assets/") || path.equals(SIGN_IN)) {
            rc.next();
            return;
        }
        headers.set("Cache-Control", "no-store");
        Instant now = Clock.now();
        Optional<ConsoleSession> session = cookies.session(rc, now);
        if (session.isEmpty()) {
            if (cookies.hasSessionCookie(rc)) {
                cookies.clearSession(rc);
            }
            toSignIn(rc);
            return;
        }
        ConsoleSession current = session.get();
        if (current.needsTouchAt(now)) {
            current = current.touchedAt(now);
            cookies.writeSession(rc, current);
        }
        rc.put(SESSION_ATTRIBUTE, current);
        rc.next();
    }

    /** htmx follows a redirect inside the page; HX-Redirect makes it load the sign-in page as a whole. */
    private static void toSignIn(RoutingContext rc) {
        if (rc.request().getHeader("HX-Request") != null) {
            rc.response().putHeader("HX-Redirect", SIGN_IN).setStatusCode(204).end();
        } else {
            rc.response().putHeader("Location", SIGN_IN).setStatusCode(303).end();
        }
    }
}
