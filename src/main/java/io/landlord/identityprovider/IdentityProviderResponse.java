package io.landlord.identityprovider;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** The OIDC settings as the API shows them: the client secret never, only whether one is stored. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentityProviderResponse(String issuer, String clientId, boolean clientSecretSet, List<String> scopes,
        boolean enabled, String configUrl, String policyId, Instant createdAt, Instant updatedAt) {

    static IdentityProviderResponse from(IdentityProvider idp) {
        return new IdentityProviderResponse(idp.issuer, idp.clientId, idp.sealedClientSecret != null,
                List.of(idp.scopes), idp.enabled, idp.discoveryUrl(), idp.policyId, idp.createdAt, idp.updatedAt);
    }
}
