package io.landlord.tenant;

import io.landlord.environment.Environment;
import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * What a tenant is, live or deleted: {@link Tenant} maps the live ones (the view {@code tenants}), {@link DeletedTenant}
 * the deleted ones. {@code subdomain} is unique per environment among both (a database constraint).
 */
@MappedSuperclass
public abstract class TenantState {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "environment_id", nullable = false, updatable = false)
    public Environment environment;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, updatable = false)
    public String subdomain;

    @Column(nullable = false, updatable = false)
    public String type;

    @Column(name = "main_tenant_id", updatable = false)
    public UUID mainTenantId;

    public String code;

    public String description;

    public String tag;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> profile;

    /** Set by the management plane only (PUT /v1/tenants/{id}/verified-domain). */
    @Column(name = "verified_domain")
    public String verifiedDomain;

    @Column(nullable = false)
    public boolean locked;

    @Column(name = "locked_at")
    public Instant lockedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The tenant's URL: the audience of its clients' tokens. */
    public String url() {
        return "https://" + host();
    }

    public String host() {
        return subdomain + "." + environment.domain;
    }
}
