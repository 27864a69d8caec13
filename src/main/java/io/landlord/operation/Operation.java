package io.landlord.operation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An asynchronous operation on tenants (its {@link Kind}): its request, state, claim and result: a creation's sealed
 * one-time secret, or an import's or a clone's sealed result with new secrets (until read); an export's bundle, or an
 * import's result without secrets (until it expires).
 */
@Entity
@Table(name = "operations")
public class Operation {

    public enum Status { PENDING, RUNNING, SUCCEEDED, FAILED }

    /** What the operation does; its events are named after it ({@code TENANT_EXPORT_SUCCESS} …). */
    public enum Kind { TENANT_CREATE, TENANT_EXPORT, TENANT_IMPORT, TENANT_CLONE }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false, updatable = false)
    public String kind;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb", updatable = false)
    public Map<String, Object> request;

    @Column(name = "submitted_by", nullable = false, updatable = false)
    public String submittedBy;

    @Column(name = "claim_id")
    public UUID claimId;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "result_secret")
    public byte[] resultSecret;

    /** An export's bundle, or an import's or a clone's result that holds no secret. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> result;

    @Column(name = "result_consumed", nullable = false)
    public boolean resultConsumed;

    @Column(name = "result_expires_at")
    public Instant resultExpiresAt;

    @Column(name = "error_status")
    public Integer errorStatus;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> error;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    public boolean is(Status expected) {
        return expected.name().equals(status);
    }

    public boolean is(Kind expected) {
        return expected.name().equals(kind);
    }
}
