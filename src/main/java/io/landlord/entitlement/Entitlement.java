package io.landlord.entitlement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What a tenant may use of one kind (IBM entitlements): a quantity under a contract mode, optionally enforced. */
@Entity
@Table(name = "entitlements")
@IdClass(Entitlement.Key.class)
public class Entitlement {

    /** The composite key: one entitlement per tenant and type. */
    public static class Key implements Serializable {
        public UUID tenantId;
        public String type;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(type, k.type);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, type);
        }
    }

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Id
    public String type;

    @Column(nullable = false)
    public long quantity;

    @Column(name = "contract_mode", nullable = false)
    public String contractMode;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    @Column(name = "hard_limit", nullable = false)
    public boolean hardLimit;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
