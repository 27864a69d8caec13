package io.landlord.client;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code POST …/clients/{clientId}/secret}, all optional: how long the current secret keeps working beside the new one
 * (0 to 7 days; absent or 0: it stops at once), and whether the tokens issued so far are revoked.
 */
public record RotateClientSecretRequest(
        @Min(0) @Max(RotateClientSecretRequest.LONGEST_OVERLAP_SECONDS) Long previousSecretExpiresInSeconds,
        Boolean revokeTokens) {

    static final long LONGEST_OVERLAP_SECONDS = 604_800;
}
