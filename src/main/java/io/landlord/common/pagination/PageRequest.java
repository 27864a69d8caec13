package io.landlord.common.pagination;

import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A validated {@code ?limit=&cursor=}: limit 1..1000 (default 100), and the decoded keyset position
 * ({@code after}, empty for the first page).
 */
public record PageRequest(int limit, List<Object> after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final String LIMIT_RULE = "Must be an integer from 1 to " + MAX_LIMIT;

    public static PageRequest of(String limit, String cursor) {
        return new PageRequest(parseLimit(limit), parseCursor(cursor));
    }

    public boolean firstPage() {
        return after.isEmpty();
    }

    /** The {@code index}-th value of the cursor's key, which must be of {@code type}; else the cursor is invalid. */
    public <T> T key(int index, Class<T> type) {
        Object value = index < after.size() ? after.get(index) : null;
        if (!type.isInstance(value)) {
            throw invalidCursor(null);
        }
        return type.cast(value);
    }

    /** The common (createdAt, id) key. */
    public Instant afterCreatedAt() {
        return key(0, Instant.class);
    }

    public UUID afterId() {
        return key(1, UUID.class);
    }

    /** A {@code limit} given in a JSON body (search requests): default 100, else 1..1000 or a detail in {@code invalid}. */
    public static int bodyLimit(Integer limit, List<ErrorDetail> invalid) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            invalid.add(ErrorDetail.body("limit", limit, LIMIT_RULE));
        }
        return limit;
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range number
        }
        throw ApiException.validation(ErrorDetail.query("limit", limit, LIMIT_RULE));
    }

    private static List<Object> parseCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return List.of();
        }
        try {
            return List.copyOf(Cursors.decode(cursor));
        } catch (RuntimeException e) {
            throw invalidCursor(cursor);
        }
    }

    private static ApiException invalidCursor(String cursor) {
        return ApiException.validation(ErrorDetail.query("cursor", cursor, "Invalid cursor"));
    }
}
