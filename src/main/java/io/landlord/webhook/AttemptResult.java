package io.landlord.webhook;

import java.time.Instant;

/**
 * One attempt: the receiver's status code, or the kind of error that prevented an answer. {@code permanent} marks an
 * error no retry can cure (the event is gone).
 */
record AttemptResult(Instant startedAt, int durationMs, Integer statusCode, String error, boolean permanent) {

    static AttemptResult answered(Instant startedAt, int durationMs, int statusCode) {
        return new AttemptResult(startedAt, durationMs, statusCode, null, false);
    }

    static AttemptResult failed(Instant startedAt, int durationMs, String error) {
        return new AttemptResult(startedAt, durationMs, null, error, "EVENT_GONE".equals(error));
    }

    boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
