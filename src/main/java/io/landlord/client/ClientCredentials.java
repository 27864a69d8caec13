package io.landlord.client;

import java.util.List;
import java.util.UUID;

/**
 * What the token endpoint needs of a client, read in one round trip: its secret hash (and the previous secret's
 * while it is still accepted, else null), roles and, for a tenant client, its tenant's URL and lock state.
 */
public record ClientCredentials(String clientId, byte[] secretHash, byte[] previousSecretHash, List<String> roles, UUID tenantId,
        String tenantUrl, boolean tenantLocked) {

    public boolean isManagement() {
        return tenantId == null;
    }
}
