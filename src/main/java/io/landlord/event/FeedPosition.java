package io.landlord.event;

import java.util.regex.Pattern;

/**
 * A place in the event feed: the writing transaction's id and the event's position. It is the SSE event id
 * ({@code <tx>-<position>}), so a client resuming with {@code Last-Event-ID} continues right after it.
 */
public record FeedPosition(String tx, long position) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,20})-(\\d{1,19})");

    /** The position a {@code Last-Event-ID} names, or null if it is not one this service issued. */
    public static FeedPosition parse(String lastEventId) {
        if (lastEventId == null) {
            return null;
        }
        var match = FORMAT.matcher(lastEventId.trim());
        if (!match.matches()) {
            return null;
        }
        try {
            return new FeedPosition(match.group(1), Long.parseLong(match.group(2)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean isBefore(FeedPosition other) {
        int byTx = Long.compareUnsigned(Long.parseUnsignedLong(tx), Long.parseUnsignedLong(other.tx));
        return byTx < 0 || (byTx == 0 && position < other.position);
    }

    @Override
    public String toString() {
        return tx + "-" + position;
    }
}
