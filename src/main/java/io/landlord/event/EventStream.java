package io.landlord.event;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

/** Writes the live event feed to a Server-Sent Events sink: the API's stream, and the console's live tail. */
@ApplicationScoped
public class EventStream {

    private final EventService events;
    private final EventsConfig config;

    public EventStream(EventService events, EventsConfig config) {
        this.events = events;
        this.config = config;
    }

    /**
     * Starts the feed after {@code lastEventId} (or now) and sends it with heartbeats. The returned Uni completes once
     * the feed's start is fixed: a resource returns it so that the response headers leave only then (see
     * EventResource). {@code typeAsName} names each SSE event by its type, as the API does; without it every event is a
     * plain {@code message}, which a browser's EventSource receives without knowing the types in advance.
     */
    public Uni<Void> open(EventFilter filter, String lastEventId, boolean typeAsName, SseEventSink sink, Sse sse) {
        return events.feed(filter, FeedPosition.parse(lastEventId)).invoke(feed -> send(feed, typeAsName, sink, sse)).replaceWithVoid();
    }

    /** Writes the feed and heartbeats to the sink one frame at a time, until the client goes or a write fails. */
    private void send(Multi<Event> feed, boolean typeAsName, SseEventSink sink, Sse sse) {
        Multi<OutboundSseEvent> frames = feed.map(event -> {
            OutboundSseEvent.Builder frame = sse.newEventBuilder()
                    .id(event.position().toString())
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(EventResponse.class, EventResponse.from(event));
            return (typeAsName ? frame.name(event.type()) : frame).build();
        });
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.heartbeat()).onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        Multi<OutboundSseEvent> all = Multi.createBy().concatenating().streams(
                Multi.createFrom().item(sse.newEventBuilder().comment("connected").build()),
                Multi.createBy().merging().streams(frames, heartbeats));
        Cancellable sending = all.onItem().transformToUniAndConcatenate(frame -> Uni.createFrom().completionStage(() -> sink.send(frame)))
                .subscribe().with(sent -> { }, failure -> sink.close(), sink::close);
        // the JAX-RS way to hear that the client went away: a broadcaster's close listener
        SseBroadcaster departures = sse.newBroadcaster();
        departures.onClose(closed -> sending.cancel());
        departures.register(sink);
    }
}
