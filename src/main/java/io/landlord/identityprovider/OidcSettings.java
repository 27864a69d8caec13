package io.landlord.identityprovider;

import java.util.List;

/**
 * Changes to a tenant's OIDC settings, from either of the two APIs that edit them (the management plane's
 * identity provider and the tenant's own enterpriseSsoConfig). A null member leaves the stored value as it is.
 */
public record OidcSettings(String issuer, String clientId, String clientSecret, List<String> scopes, Boolean enabled,
        String configUrl, String policyId) {

    public boolean isEmpty() {
        return issuer == null && clientId == null && clientSecret == null && scopes == null && enabled == null
                && configUrl == null && policyId == null;
    }

    /** Never prints the client secret. */
    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", enabled=" + enabled + "]";
    }
}
