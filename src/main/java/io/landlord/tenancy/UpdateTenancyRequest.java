package io.landlord.tenancy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PATCH /v1/tenancies/self}: absent members stay as they are. {@code identity} and {@code verifiedDomain}
 * are accepted only unchanged, so a body read with GET can be sent back; the management plane sets the domain.
 */
public record UpdateTenancyRequest(
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String displayName,
        Boolean enterpriseSsoEnabled,
        @Valid SsoConfig enterpriseSsoConfig,
        String identity,
        String verifiedDomain) {

    /** {@code clientSecret} is write-only; absent or empty keeps the stored one. */
    public record SsoConfig(String clientId, String clientSecret, String configUrl, String issuer, String policyId) {

        /** Never prints the client secret. */
        @Override
        public String toString() {
            return "SsoConfig[clientId=" + clientId + ", issuer=" + issuer + "]";
        }
    }
}
