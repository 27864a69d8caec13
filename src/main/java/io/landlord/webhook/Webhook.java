package io.landlord.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A subscription: events of some types (all when empty), of one tenant or all, POSTed signed to a URL. */
@Entity
@Table(name = "webhooks")
public class Webhook {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String url;

    /** Empty: every event type. */
    @Column(name = "event_types", nullable = false, columnDefinition = "text[]")
    public String[] eventTypes;

    /** Null: every tenant's events, and events of no tenant. */
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(nullable = false)
    public boolean enabled;

    /** The signing secret, AES-GCM-sealed: it is needed in clear to sign, so it cannot be a hash. */
    @Column(name = "sealed_secret", nullable = false)
    public byte[] sealedSecret;

    /** The secret before the last rotation, sealed; it signs beside the current one until it expires. */
    @Column(name = "previous_sealed_secret")
    public byte[] previousSealedSecret;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
