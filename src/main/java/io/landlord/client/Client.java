package io.landlord.client;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An API client: a management client ({@code tenantId} null) or a tenant's client. Its secret is kept only as a hash. */
@Entity
@Table(name = "clients")
public class Client {

    @Id
    public UUID id;

    @Column(name = "client_id", nullable = false, updatable = false)
    public String clientId;

    @Column(name = "tenant_id", updatable = false)
    public UUID tenantId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, columnDefinition = "text[]")
    public String[] roles;

    @Column(name = "secret_hash", nullable = false)
    public byte[] secretHash;

    /** The secret before the last rotation, accepted until {@link #previousSecretExpiresAt}; null when none. */
    @Column(name = "previous_secret_hash")
    public byte[] previousSecretHash;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
