package io.landlord.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsoleSessionTest {

    private static final Instant SIGNED_IN = Instant.parse("2026-12-06T08:00:00Z");
    private static final Duration IDLE = Duration.ofMinutes(30);
    private final ConsoleSession session = new ConsoleSession("token", "csrf", SIGNED_IN, SIGNED_IN.plus(Duration.ofHours(4)));

    @Test
    void a_session_used_within_the_idle_timeout_stays_open() {
        assertTrue(session.usableAt(SIGNED_IN.plus(Duration.ofMinutes(29)), IDLE));
    }

    @Test
    void a_session_left_idle_longer_than_the_timeout_ends() {
        assertFalse(session.usableAt(SIGNED_IN.plus(Duration.ofMinutes(31)), IDLE));
    }

    @Test
    void using_a_session_keeps_it_open_but_never_past_its_token() {
        Instant later = SIGNED_IN.plus(Duration.ofMinutes(25));
        ConsoleSession touched = session.touchedAt(later);
        assertTrue(touched.usableAt(later.plus(Duration.ofMinutes(29)), IDLE));
        assertFalse(touched.touchedAt(SIGNED_IN.plus(Duration.ofMinutes(235)))
                .usableAt(SIGNED_IN.plus(Duration.ofMinutes(241)), IDLE), "the token's expiry ends the session");
    }
}
