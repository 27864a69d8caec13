package io.landlord.console;

import io.landlord.common.crypto.SecretBox;
import io.landlord.common.crypto.Secrets;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's cookies, all HttpOnly, SameSite=Strict, limited to {@code /console}, and Secure when the request came
 * over HTTPS (directly, or through a proxy whose forwarded headers Quarkus is told to trust): the session, sealed with
 * AES-256-GCM under LANDLORD_ENCRYPTION_KEY so the browser can neither read nor forge it, and the sign-in form's CSRF
 * token, which exists before any session does.
 */
@ApplicationScoped
public class ConsoleCookies {

    static final String PATH = "/console";
    private static final String SESSION = "landlord_console";
    private static final String SIGN_IN = "landlord_console_signin";
    private static final String FORMAT = "v1";

    private final SecretBox box;
    private final ConsoleConfig config;

    public ConsoleCookies(SecretBox box, ConsoleConfig config) {
        this.box = box;
        this.config = config;
    }

    /** The request's session, if its cookie opens and the session has been neither idle too long nor expired. */
    Optional<ConsoleSession> session(RoutingContext rc, Instant now) {
        Cookie cookie = rc.request().getCookie(SESSION);
        if (cookie == null) {
            return Optional.empty();
        }
        return open(cookie.getValue()).filter(session -> session.usableAt(now, config.idleTimeout()));
    }

    boolean hasSessionCookie(RoutingContext rc) {
        return rc.request().getCookie(SESSION) != null;
    }

    void writeSession(RoutingContext rc, ConsoleSession session) {
        String text = String.join("|", FORMAT, session.accessToken(), session.csrfToken(),
                Long.toString(session.lastSeen().getEpochSecond()), Long.toString(session.expiresAt().getEpochSecond()));
        byte[] sealed = box.seal(text.getBytes(StandardCharsets.UTF_8));
        rc.response().addCookie(cookie(rc, SESSION, Base64.getUrlEncoder().withoutPadding().encodeToString(sealed)));
    }

    void clearSession(RoutingContext rc) {
        rc.response().addCookie(cookie(rc, SESSION, "").setMaxAge(0));
    }

    /** The sign-in form's CSRF token: the cookie's, or a new one set now. */
    String signInToken(RoutingContext rc) {
        Cookie existing = rc.request().getCookie(SIGN_IN);
        if (existing != null && !existing.getValue().isEmpty()) {
            return existing.getValue();
        }
        String token = Secrets.randomToken(32);
        rc.response().addCookie(cookie(rc, SIGN_IN, token));
        return token;
    }

    Optional<String> presentedSignInToken(RoutingContext rc) {
        return Optional.ofNullable(rc.request().getCookie(SIGN_IN)).map(Cookie::getValue).filter(v -> !v.isEmpty());
    }

    private Optional<ConsoleSession> open(String value) {
        try {
            String text = new String(box.open(Base64.getUrlDecoder().decode(value)), StandardCharsets.UTF_8);
            String[] parts = text.split("\\|");
            if (parts.length != 5 || !FORMAT.equals(parts[0])) {
                return Optional.empty();
            }
            return Optional.of(new ConsoleSession(parts[1], parts[2],
                    Instant.ofEpochSecond(Long.parseLong(parts[3])), Instant.ofEpochSecond(Long.parseLong(parts[4]))));
        } catch (RuntimeException e) {
            // a cookie sealed under another key, truncated or tampered with: no session
            return Optional.empty();
        }
    }

    private static Cookie cookie(RoutingContext rc, String name, String value) {
        boolean https = rc.request().isSSL() || "https".equalsIgnoreCase(rc.request().scheme());
        return Cookie.cookie(name, value).setPath(PATH).setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setSecure(https);
    }
}
