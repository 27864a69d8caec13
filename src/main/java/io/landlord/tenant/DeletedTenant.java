package io.landlord.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.SQLRestriction;

/** A deleted tenant, kept until {@code purgeAfter} so that it can be restored; read-only here (see TenantDeletions). */
@Entity
@Immutable
@Table(name = "tenant_rows")
@SQLRestriction("deleted_at IS NOT NULL")
public class DeletedTenant extends TenantState {

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "purge_after")
    public Instant purgeAfter;

    /** The tenant whose delete this one went with: itself, or its main tenant when deleted with ?cascade=true. */
    @Column(name = "deletion_id")
    public UUID deletionId;
}
