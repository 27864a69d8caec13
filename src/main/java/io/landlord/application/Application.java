package io.landlord.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A SOAJS application: a tenant's subscription to a product package, holding API keys. */
@Entity
@Table(name = "applications")
public class Application {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Column(name = "product_code", nullable = false)
    public String productCode;

    @Column(name = "package_code", nullable = false)
    public String packageCode;

    public String description;

    /** SOAJS {@code _TTL}; also the lifetime of a key created without {@code expiresAt}. */
    @Column(name = "ttl_hours", nullable = false)
    public int ttlHours;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
