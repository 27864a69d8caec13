package io.landlord.webhook;

import io.landlord.event.EventResponse;
import java.time.Instant;
import java.util.UUID;

/**
 * A delivery this instance holds the claim of, with what an attempt needs: the target, the sealed secrets (the
 * previous one only while it still signs) and the event as the events API shows it ({@code event} null when the
 * event is gone), and the traceparent of the request that made the event's change (null when it was not traced).
 */
record ClaimedDelivery(UUID id, UUID claimId, UUID webhookId, UUID eventId, int attempts, Instant retryingSince, String url,
        byte[] sealedSecret, byte[] previousSealedSecret, EventResponse event, String traceparent) {
}
