package io.landlord.common.error;

import java.util.List;

/** A 429: the caller sent too many requests; {@code Retry-After} says in how many seconds to try again. */
public class RateLimitedException extends ApiException {

    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        super(429, "RateLimited", "Too many requests; retry after " + retryAfterSeconds + " s", List.of());
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
