package io.landlord.operation;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.UUID;

/** What an export operation stores as its request: the tenant and whether the bundle carries secret hashes. */
@RegisterForReflection
record ExportOperation(UUID tenantId, boolean includeSecretHashes) {
}
