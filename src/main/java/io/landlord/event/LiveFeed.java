package io.landlord.event;

import io.landlord.common.persistence.DatabaseOutage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One reader of the feed per instance, shared by every stream subscriber of the instance: on each wake-up (a write
 * here or, through NOTIFY, on another instance) and poll it reads what finished since its last look, once, and
 * hands it to all subscribers as a {@link Span}. So a wake-up costs one query however many subscribers listen.
 * It runs only while someone subscribes.
 */
@ApplicationScoped
public class LiveFeed {

    static final int BATCH = 500;

    /** Every event in (from, to], in feed order: contiguous with the previous span. */
    record Span(FeedPosition from, FeedPosition to, List<Event> events) {
    }

    private final EventRepository events;
    private final EventSignals signals;
    private final EventsConfig config;
    private final BroadcastProcessor<Span> spans = BroadcastProcessor.create();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final Counter reads;
    private volatile FeedPosition position;
    /** Counts stops: a read that was running when the reader stopped must not leave its position for the next start. */
    private volatile long runs;
    private volatile Cancellable triggers;

    public LiveFeed(EventRepository events, EventSignals signals, EventsConfig config, MeterRegistry metrics) {
        this.events = events;
        this.signals = signals;
        this.config = config;
        this.reads = Counter.builder("landlord.events.feed.reads").tag("reader", "shared")
                .description("Reads of the events feed by the reader all stream subscribers share").register(metrics);
        Gauge.builder("landlord.events.feed.subscribers", subscribers, AtomicInteger::get)
                .description("Stream subscribers connected to this instance").register(metrics);
    }

    /** The spans read from now on, while subscribed. */
    Multi<Span> spans() {
        return spans.onSubscription().invoke(this::subscribed).onTermination().invoke(this::unsubscribed);
    }

    // counted under the lock, so that a last unsubscribe and a new first subscribe cannot stop the reader in between
    private synchronized void subscribed() {
        if (subscribers.getAndIncrement() == 0) {
            start();
        }
    }

    private synchronized void unsubscribed() {
        if (subscribers.decrementAndGet() == 0) {
            stop();
        }
    }

    private void start() {
        Multi<Boolean> polls = Multi.createFrom().ticks().every(config.pollInterval()).onOverflow().drop().map(tick -> Boolean.TRUE);
        triggers = Multi.createBy().merging().streams(signals.wakeups(), polls).onOverflow().dropPreviousItems()
                .subscribe().with(trigger -> readSoon(), e -> Log.warnf("Event feed triggers ended (%s)", e.getClass().getName()));
        readSoon();
    }

    private void stop() {
        if (triggers != null) {
            triggers.cancel();
            triggers = null;
        }
        runs++;
        position = null; // a later first subscriber starts from the frontier, not from wherever this one stopped
    }

    /** One read at a time; a wake-up during a read asks for one more right after it. */
    private void readSoon() {
        wanted.set(true);
        if (reading.compareAndSet(false, true)) {
            read();
        }
    }

    private void read() {
        wanted.set(false);
        long run = runs;
        FeedPosition from = position;
        Uni<FeedPosition> start = from != null ? Uni.createFrom().item(from) : events.frontier();
        start.chain(at -> readFrom(at, run)).subscribe().with(ignored -> afterRead(), e -> {
            DatabaseOutage.warn(LiveFeed.class, e, "Event feed read failed; retried on the next wake-up or poll");
            afterRead();
        });
    }

    private void afterRead() {
        reading.set(false);
        if (wanted.get() && subscribers.get() > 0 && reading.compareAndSet(false, true)) {
            read();
        }
    }

    private Uni<Void> readFrom(FeedPosition from, long run) {
        reads.increment();
        return events.after(from, EventFilter.NONE, BATCH).chain(batch -> {
            FeedPosition to = batch.reached(from);
            if (!advance(to, run)) {
                return Uni.createFrom().voidItem(); // stopped meanwhile: its subscribers are gone
            }
            spans.onNext(new Span(from, to, batch.events()));
            return batch.full() ? readFrom(to, run) : Uni.createFrom().voidItem();
        });
    }

    // under the lock that stop() holds, so that a stop cannot fall between the check and the write
    private synchronized boolean advance(FeedPosition to, long run) {
        if (run != runs) {
            return false;
        }
        position = to;
        return true;
    }
}
