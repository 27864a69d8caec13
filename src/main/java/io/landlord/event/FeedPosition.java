package io.landlord.event;

import java.util.regex.Pattern;

/**
 * A place in the event feed: the writing transaction's id, the row's position in it, and the part of the row (0: the
 * START of an operation stored in one row, 1: the row's own event; 2k and 2k + 1: the START and outcome of the k-th
 * of several like operations sharing a row, V14). It is the SSE event id ({@code <tx>-<position>} for part 1, as
 * before rows held two events; {@code <tx>-<position>-<part>} otherwise), so a client resuming with
 * {@code Last-Event-ID} continues right after it.
 */
public record FeedPosition(String tx, long position, int part) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,20})-(\\d{1,19})(?:-(\\d{1,4}))?");

    /** Before every event of the transactions from {@code tx} on. */
    static FeedPosition before(String tx) {
        return new FeedPosition(tx, 0, 1);
    }

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
            return new FeedPosition(match.group(1), Long.parseLong(match.group(2)), match.group(3) == null ? 1 : Integer.parseInt(match.group(3)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean isBefore(FeedPosition other) {
        int byTx = Long.compareUnsigned(Long.parseUnsignedLong(tx), Long.parseUnsignedLong(other.tx));
        if (byTx != 0) {
            return byTx < 0;
        }
        return position < other.position || (position == other.position && part < other.part);
    }

    @Override
    public String toString() {
        return part == 1 ? tx + "-" + position : tx + "-" + position + "-" + part;
    }
}
