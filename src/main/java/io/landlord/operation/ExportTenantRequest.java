package io.landlord.operation;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /v1/tenants/{id}:export}, {@code {}} or {@code {"includeSecretHashes": true}}: the latter (platform-admin only) puts
 * the stored hashes of client secrets and API keys into the bundle.
 */
@RegisterForReflection
public record ExportTenantRequest(Boolean includeSecretHashes) {

    boolean withHashes() {
        return includeSecretHashes != null && includeSecretHashes;
    }
}
