package io.landlord.event;

import java.util.List;

/**
 * Events read from the feed in one look of at most {@code limit}, and the frontier below which that look saw every
 * finished event.
 */
record FeedBatch(List<Event> events, FeedPosition frontier, int limit) {

    /** The look stopped at its limit: more may follow right away. */
    boolean full() {
        return events.size() == limit;
    }

    /** Where a reader that looked after {@code from} and read this batch has got to. */
    FeedPosition reached(FeedPosition from) {
        if (full()) {
            return events.get(events.size() - 1).position();
        }
        // Filtered-out events below the frontier are settled too: skip them for good rather than re-read them.
        FeedPosition last = events.isEmpty() ? from : events.get(events.size() - 1).position();
        return last.isBefore(frontier) ? frontier : last;
    }
}
