package io.landlord.common.pagination;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The opaque keyset cursor: the sort key of the last row shown, base64url-encoded. Values are
 * {@link Instant}, {@link UUID} or {@link String}; each is written with a one-letter type tag.
 */
public final class Cursors {

    private static final String VERSION = "1";
    private static final char SEPARATOR = '\u001f';

    private Cursors() {
    }

    public static String encode(List<Object> key) {
        StringBuilder text = new StringBuilder(VERSION);
        for (Object value : key) {
            text.append(SEPARATOR).append(tag(value)).append(value);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor; throws {@link IllegalArgumentException} for anything this service did not issue. */
    static List<Object> decode(String cursor) {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        String[] parts = text.split(String.valueOf(SEPARATOR), -1);
        if (parts.length < 2 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("unknown cursor version");
        }
        List<Object> key = new ArrayList<>(parts.length - 1);
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                throw new IllegalArgumentException("empty cursor value");
            }
            String value = part.substring(1);
            key.add(switch (part.charAt(0)) {
                case 't' -> Instant.parse(value);
                case 'u' -> UUID.fromString(value);
                case 's' -> value;
                default -> throw new IllegalArgumentException("unknown cursor value type");
            });
        }
        return key;
    }

    private static char tag(Object value) {
        if (value instanceof Instant) {
            return 't';
        }
        if (value instanceof UUID) {
            return 'u';
        }
        if (value instanceof String) {
            return 's';
        }
        throw new IllegalArgumentException("cursor values are Instant, UUID or String, not " + value.getClass().getSimpleName());
    }
}
