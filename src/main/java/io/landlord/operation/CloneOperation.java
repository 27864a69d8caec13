package io.landlord.operation;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.UUID;

/** What a clone operation stores as its request: the tenant to copy, and where the copy goes. */
@RegisterForReflection
record CloneOperation(UUID tenantId, CloneTenantRequest target) {
}
