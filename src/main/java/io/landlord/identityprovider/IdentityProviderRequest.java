package io.landlord.identityprovider;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code PUT /v1/tenants/{id}/identity-provider}: replaces the settings. {@code clientSecret} is write-only;
 * leaving it out keeps the stored one. {@code scopes} defaults to {@code ["openid"]}, {@code enabled} to false.
 * URLs, names and the secret are checked by {@link IdentityProviderService}, which the tenancy API shares.
 */
public record IdentityProviderRequest(
        @NotNull String issuer,
        @NotNull String clientId,
        String clientSecret,
        @Size(min = 1, max = 50) List<@NotNull @Pattern(regexp = "[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}",
                message = "must be an OAuth scope token") String> scopes,
        Boolean enabled,
        String configUrl,
        String policyId) {

    public OidcSettings toSettings() {
        return new OidcSettings(issuer, clientId, clientSecret, scopes == null ? List.of("openid") : scopes,
                enabled != null && enabled, configUrl, policyId);
    }

    /** Never prints the client secret. */
    @Override
    public String toString() {
        return "IdentityProviderRequest[issuer=" + issuer + ", clientId=" + clientId + "]";
    }
}
