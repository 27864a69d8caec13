package io.landlord.event;

import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** Reading the audit trail: the newest-first list and the live feed. */
@ApplicationScoped
public class EventService {

    /** Spans a subscriber may have waiting before it is dropped as too slow. */
    private static final int SPANS_BUFFERED = 256;
    /** Stands first in a subscriber's stream of spans: catch up from where it resumes. */
    private static final LiveFeed.Span CATCH_UP = new LiveFeed.Span(null, null, List.of());

    private final EventRepository events;
    private final LiveFeed live;
    private final Counter catchUpReads;

    public EventService(EventRepository events, LiveFeed live, MeterRegistry metrics) {
        this.events = events;
        this.live = live;
        this.catchUpReads = Counter.builder("landlord.events.feed.reads").tag("reader", "subscriber")
                .description("Reads of the events feed by a stream subscriber catching up").register(metrics);
    }

    /** Parses the list's and stream's query filters; every bad one is a detail of one 400. */
    public static EventFilter filter(String type, String tenantId, String actor, String since, String until) {
        List<ErrorDetail> invalid = new ArrayList<>();
        if (type != null && !type.matches("[A-Z][A-Z0-9_]{2,99}")) {
            invalid.add(ErrorDetail.query("type", type, "Must be an event type such as TENANT_CREATE_SUCCESS"));
        }
        UUID tenant = null;
        if (tenantId != null) {
            try {
                tenant = UUID.fromString(tenantId);
            } catch (IllegalArgumentException e) {
                invalid.add(ErrorDetail.query("tenantId", tenantId, "Must be a UUID"));
            }
        }
        Instant from = instant("since", since, invalid);
        Instant to = instant("until", until, invalid);
        if (actor != null && (actor.isEmpty() || actor.length() > 200)) {
            invalid.add(ErrorDetail.query("actor", actor, "Must be a client id"));
        }
        if (!invalid.isEmpty()) {
            throw ApiException.validation("Request is invalid", invalid);
        }
        return new EventFilter(type, tenant, actor, from, to);
    }

    private static Instant instant(String name, String value, List<ErrorDetail> invalid) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            invalid.add(ErrorDetail.query(name, value, "Must be an ISO-8601 UTC time such as 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    public Uni<Page<EventResponse>> list(EventFilter filter, PageRequest page) {
        UUID beforeId = page.firstPage() ? null : page.key(0, UUID.class);
        return events.newest(filter, beforeId, page.limit() + 1)
                .map(rows -> Page.of(rows, page, e -> List.of(e.id()), EventResponse::from));
    }

    /**
     * The live feed from {@code resumeAfter} (or from now): every finished event after that position, in feed order,
     * then each new one as it commits. The item comes once the start is fixed — "now" is the frontier when it comes,
     * so whatever a client changes after it learns the stream is open is in the feed. New events come from the
     * instance's shared reader ({@link LiveFeed}); the subscriber reads the table itself only to catch up: at first,
     * and when it finds itself behind the shared reader (it subscribed while a span was being read). Its position only
     * moves forward, so nothing is sent twice, and spans are contiguous, so nothing is skipped.
     */
    public Uni<Multi<Event>> feed(EventFilter filter, FeedPosition resumeAfter) {
        Uni<FeedPosition> start = resumeAfter != null ? Uni.createFrom().item(resumeAfter) : events.frontier();
        return start.map(from -> Multi.createFrom().deferred(() -> {
            AtomicReference<FeedPosition> covered = new AtomicReference<>(from);
            // subscribed to the shared reader before catching up, so that no span is missed meanwhile; a subscriber
            // that falls that far behind is dropped (its client reconnects with Last-Event-ID and catches up)
            Multi<LiveFeed.Span> spans = live.spans().onOverflow().buffer(SPANS_BUFFERED);
            return Multi.createBy().concatenating().streams(Multi.createFrom().item(CATCH_UP), spans)
                    .onItem().transformToMultiAndConcatenate(span -> span == CATCH_UP ? catchUp(covered, filter) : follow(span, covered, filter));
        }));
    }

    private Multi<Event> follow(LiveFeed.Span span, AtomicReference<FeedPosition> covered, EventFilter filter) {
        Multi<Event> gap = covered.get().isBefore(span.from()) ? catchUp(covered, filter) : Multi.createFrom().empty();
        Multi<Event> fresh = Multi.createFrom().deferred(() -> {
            FeedPosition from = covered.get();
            List<Event> passing = span.events().stream().filter(e -> from.isBefore(e.position()) && filter.matches(e)).toList();
            if (from.isBefore(span.to())) {
                covered.set(span.to());
            }
            return Multi.createFrom().iterable(passing);
        });
        return Multi.createBy().concatenating().streams(gap, fresh);
    }

    /** Everything finished after the covered position, read from the table in batches; the position moves past it. */
    private Multi<Event> catchUp(AtomicReference<FeedPosition> covered, EventFilter filter) {
        return Multi.createBy().repeating()
                .uni(() -> {
                    catchUpReads.increment();
                    return events.after(covered.get(), filter, LiveFeed.BATCH)
                            .invoke(batch -> covered.set(batch.reached(covered.get())));
                })
                .whilst(FeedBatch::full)
                .onItem().transformToIterable(FeedBatch::events);
    }
}
