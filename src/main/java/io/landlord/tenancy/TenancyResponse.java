package io.landlord.tenancy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.landlord.identityprovider.IdentityProvider;
import io.landlord.tenant.Tenant;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The tenant's own view (DataTrails tenancies/self). {@code displayName} is the tenant's name;
 * {@code enterpriseSsoConfig} is the tenant's identity provider, without its write-only client secret.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenancyResponse(String identity, String displayName, boolean enterpriseSsoEnabled,
        SsoConfig enterpriseSsoConfig, String verifiedDomain) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SsoConfig(String clientId, String configUrl, String issuer, String policyId) {
    }

    static TenancyResponse of(Tenant tenant, IdentityProvider idp) {
        SsoConfig sso = idp == null ? null : new SsoConfig(idp.clientId, idp.discoveryUrl(), idp.issuer, idp.policyId);
        return new TenancyResponse(identityOf(tenant), tenant.name, idp != null && idp.enabled, sso, tenant.verifiedDomain);
    }

    static String identityOf(Tenant tenant) {
        return "tenant/" + tenant.id;
    }
}
