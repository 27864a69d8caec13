package io.landlord.event;

import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
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

    private static final int FEED_BATCH = 500;

    private final EventRepository events;
    private final EventSignals signals;
    private final EventsConfig config;

    public EventService(EventRepository events, EventSignals signals, EventsConfig config) {
        this.events = events;
        this.signals = signals;
        this.config = config;
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
     * then each new one as it commits. Read on every wake-up and poll, so no event is skipped and none repeated.
     */
    public Multi<Event> feed(EventFilter filter, FeedPosition resumeAfter) {
        AtomicReference<FeedPosition> scanned = new AtomicReference<>(resumeAfter);
        Multi<Boolean> polls = Multi.createFrom().ticks().every(config.pollInterval()).onOverflow().drop().map(tick -> Boolean.TRUE);
        Multi<Boolean> triggers = Multi.createBy().merging().streams(signals.wakeups(), polls)
                .onOverflow().dropPreviousItems();
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(Boolean.TRUE), triggers)
                .onItem().transformToMultiAndConcatenate(trigger -> catchUp(scanned, filter));
    }

    /** Everything finished after the scanned position, in batches; then the position moves past what was read. */
    private Multi<Event> catchUp(AtomicReference<FeedPosition> scanned, EventFilter filter) {
        Uni<Void> ready = scanned.get() != null ? Uni.createFrom().voidItem()
                : events.frontier().invoke(scanned::set).replaceWithVoid();
        return ready.onItem().transformToMulti(ignored -> Multi.createBy().repeating()
                        .uni(() -> events.after(scanned.get(), filter, FEED_BATCH).invoke(batch -> scanned.set(next(scanned.get(), batch))))
                        .whilst(batch -> batch.events().size() == FEED_BATCH))
                .onItem().transformToIterable(FeedBatch::events);
    }

    private static FeedPosition next(FeedPosition from, FeedBatch batch) {
        List<Event> read = batch.events();
        if (read.size() == FEED_BATCH) {
            return read.get(read.size() - 1).position();
        }
        // Filtered-out events below the frontier are settled too: skip them for good rather than re-read them.
        FeedPosition last = read.isEmpty() ? from : read.get(read.size() - 1).position();
        return last.isBefore(batch.frontier()) ? batch.frontier() : last;
    }
}
