package io.landlord.tenant;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A live tenant, living in one environment; deleted tenants are not in the view {@code tenants} (see V15). */
@Entity
@Table(name = "tenants")
public class Tenant extends TenantState {
}
