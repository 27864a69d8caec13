package io.landlord.common.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/** The id that ties a response to its log lines: the caller's {@code X-Request-Id} when sane, else a new one. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    static String acceptOrGenerate(String incoming) {
        return incoming != null && ACCEPTED.matcher(incoming).matches() ? incoming : generate();
    }

    /**
     * A random (version 4) UUID. Request ids are not secrets: a fast random source is enough, and the secure one
     * that {@link UUID#randomUUID()} draws from was 1.5 % of the CPU samples of a {@code GET /v1/tenants/{id}}.
     */
    private static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L)
                .toString();
    }

    /** The current request's id, or null outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
