package io.landlord.webhook;

import io.landlord.event.EventResponse;
import java.time.Instant;
import java.util.UUID;

/**
 * A delivery this instance holds the claim of, with what an attempt needs: the target, the sealed secrets (the
 * previous one only while it still signs) and the event as the events API shows it ({@code event} null when the
 * event is gone).
 */
record ClaimedDelivery(UUID id, UUID claimId, UUID webhookId, UUID eventId, int attempts, Instant retryingSince, String url,
        byte[] sealedSecret, byte[] previousSealedSecret, EventResponse event) {
}
