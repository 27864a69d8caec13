package io.landlord.event;

import java.util.List;

/** Events read from the feed in one look, and the frontier below which that look saw every finished event. */
record FeedBatch(List<Event> events, FeedPosition frontier) {
}
