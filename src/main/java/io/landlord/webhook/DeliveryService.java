package io.landlord.webhook;

import io.landlord.common.config.LandlordConfig;
import io.landlord.common.error.ApiException;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.time.Clock;
import io.landlord.event.EventRecorder;
import io.landlord.event.NewEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** A webhook's deliveries: listed with their attempts, redelivered on request, and each attempt's outcome recorded. */
@ApplicationScoped
public class DeliveryService {

    /** What became of a delivery after an attempt. */
    enum Outcome { SUCCEEDED, RETRYING, FAILED, CLAIM_LOST }

    /** The outcome, and whether the attempt's failure disabled the webhook (an event was written). */
    record Recording(Outcome outcome, boolean webhookDisabled) {
    }

    private final DeliveryRepository deliveries;
    private final WebhookService webhooks;
    private final LandlordConfig.Webhooks settings;
    private final EventRecorder events;
    private final Map<Outcome, Counter> outcomes;

    public DeliveryService(DeliveryRepository deliveries, WebhookService webhooks, EventRecorder events, LandlordConfig config,
            MeterRegistry metrics) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.events = events;
        this.settings = config.webhooks();
        this.outcomes = Map.of(
                Outcome.SUCCEEDED, counter(metrics, "succeeded"),
                Outcome.RETRYING, counter(metrics, "retrying"),
                Outcome.FAILED, counter(metrics, "failed"));
    }

    private static Counter counter(MeterRegistry metrics, String outcome) {
        return Counter.builder("landlord.webhooks.attempts").description("Webhook delivery attempts, by what the delivery became")
                .tag("outcome", outcome).register(metrics);
    }

    public Uni<Page<DeliveryResponse>> list(UUID webhookId, PageRequest page) {
        return webhooks.find(webhookId)
                .flatMap(webhook -> deliveries.page(webhookId, page))
                .flatMap(rows -> deliveries.attemptsOf(rows.stream().map(d -> d.id).toList()).map(attempts ->
                        Page.of(rows, page, d -> List.of(d.createdAt, d.id),
                                d -> DeliveryResponse.from(d, attempts.getOrDefault(d.id, List.of())))));
    }

    /** Queues the delivery again, due now, with a fresh retry window; its attempts so far are kept. */
    public Uni<DeliveryResponse> redeliver(UUID webhookId, UUID deliveryId) {
        return requeue(webhookId, deliveryId).flatMap(delivery -> deliveries.attemptsOf(List.of(delivery.id))
                .map(attempts -> DeliveryResponse.from(delivery, attempts.getOrDefault(delivery.id, List.of()))));
    }

    @WithTransaction
    Uni<WebhookDelivery> requeue(UUID webhookId, UUID deliveryId) {
        return deliveries.findInWebhook(webhookId, deliveryId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Delivery"))
                .map(delivery -> {
                    Instant now = Clock.now();
                    delivery.status = WebhookDelivery.Status.PENDING.name();
                    delivery.nextAttemptAt = now;
                    delivery.retryingSince = now;
                    delivery.claimId = null; // an attempt in flight now cannot record over the redelivery
                    delivery.leaseUntil = null;
                    delivery.updatedAt = now;
                    return delivery;
                })
                .call(delivery -> events.succeeded(Map.of("webhookId", webhookId, "deliveryId", deliveryId)));
    }

    /**
     * Records an attempt in one transaction, only while the claim is still this worker's: the attempt, the
     * delivery's new state (SUCCEEDED; PENDING with a backoff; FAILED once the retry window has passed), the
     * webhook's failing streak, and, when that streak has lasted the whole window, the webhook's disabling with
     * its WEBHOOK_DISABLED event.
     */
    @WithTransaction
    Uni<Recording> record(ClaimedDelivery delivery, AttemptResult result) {
        Instant now = Clock.now();
        int attempt = delivery.attempts() + 1;
        Outcome outcome;
        Instant next = now;
        if (result.succeeded()) {
            outcome = Outcome.SUCCEEDED;
        } else if (result.permanent() || !now.isBefore(delivery.retryingSince().plus(settings.retryFor()))) {
            outcome = Outcome.FAILED;
        } else {
            outcome = Outcome.RETRYING;
            next = now.plus(backoff(attempt));
        }
        String status = switch (outcome) {
            case SUCCEEDED -> WebhookDelivery.Status.SUCCEEDED.name();
            case FAILED -> WebhookDelivery.Status.FAILED.name();
            default -> WebhookDelivery.Status.PENDING.name();
        };
        return deliveries.finish(delivery.id(), delivery.claimId(), status, attempt, next, result.statusCode(), result.error(), now)
                .flatMap(held -> {
                    if (!held) {
                        return Uni.createFrom().item(new Recording(Outcome.CLAIM_LOST, false));
                    }
                    Uni<Boolean> streak = result.succeeded()
                            ? deliveries.markHealthy(delivery.webhookId()).map(ok -> false)
                            : deliveries.markFailing(delivery.webhookId(), now)
                                    .flatMap(ok -> deliveries.disableIfFailingSince(delivery.webhookId(), now.minus(settings.retryFor()), now))
                                    .call(disabled -> disabled ? webhookDisabled(delivery.webhookId()) : Uni.createFrom().voidItem());
                    return deliveries.addAttempt(delivery.id(), attempt, result.startedAt(), result.statusCode(), result.error(),
                            result.durationMs()).flatMap(ok -> streak).map(disabled -> new Recording(outcome, disabled));
                });
    }

    /** After the recording committed: counts the attempt and wakes the events stream if an event was written. */
    void committed(Recording recording) {
        Counter counter = outcomes.get(recording.outcome());
        if (counter != null) {
            counter.increment();
        }
        if (recording.webhookDisabled()) {
            events.committed();
        }
    }

    private Uni<Void> webhookDisabled(UUID webhookId) {
        Log.infof("Webhook %s disabled: its deliveries have failed for %s", webhookId, settings.retryFor());
        return events.append(List.of(NewEvent.of("WEBHOOK_DISABLED", null, Map.of("webhookId", webhookId))));
    }

    /** Exponential backoff with full jitter: uniformly random up to min(cap, base * 2^(attempt - 1)). */
    Duration backoff(int attempt) {
        long base = settings.backoffBase().toMillis();
        long cap = settings.backoffCap().toMillis();
        int doublings = Math.min(Math.max(attempt - 1, 0), 40);
        long ceiling = base > (cap >> doublings) ? cap : Math.min(cap, base << doublings);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(ceiling, 1) + 1));
    }
}
