package io.landlord.console;

import java.time.Duration;
import java.time.Instant;

/**
 * A signed-in console user, as kept (encrypted) in the session cookie: the access token the sign-in obtained through
 * the token service, the session's CSRF token, when it was last used and when the token expires.
 */
record ConsoleSession(String accessToken, String csrfToken, Instant lastSeen, Instant expiresAt) {

    /** A session refreshes its cookie at most this often, so that every page does not set a new one. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    boolean usableAt(Instant now, Duration idleTimeout) {
        return now.isBefore(expiresAt) && now.isBefore(lastSeen.plus(idleTimeout));
    }

    boolean needsTouchAt(Instant now) {
        return now.isAfter(lastSeen.plus(TOUCH_EVERY));
    }

    ConsoleSession touchedAt(Instant now) {
        return new ConsoleSession(accessToken, csrfToken, now, expiresAt);
    }
}
