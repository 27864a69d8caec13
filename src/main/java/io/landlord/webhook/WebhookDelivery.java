package io.landlord.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One event owed to one webhook: queued, retried, then SUCCEEDED or FAILED. */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDelivery {

    public enum Status { PENDING, SUCCEEDED, FAILED }

    @Id
    public UUID id;

    @Column(name = "webhook_id", nullable = false, updatable = false)
    public UUID webhookId;

    @Column(name = "event_id", nullable = false, updatable = false)
    public UUID eventId;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "retrying_since", nullable = false)
    public Instant retryingSince;

    @Column(name = "claim_id")
    public UUID claimId;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
