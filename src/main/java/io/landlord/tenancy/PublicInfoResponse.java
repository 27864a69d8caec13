package io.landlord.tenancy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.landlord.tenant.Tenant;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What anyone may know about a tenant: {@code GET /v1/tenancies/{uuid}:publicinfo}, and nothing more. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublicInfoResponse(String identity, String displayName, String verifiedDomain) {

    static PublicInfoResponse of(Tenant tenant) {
        return new PublicInfoResponse(TenancyResponse.identityOf(tenant), tenant.name, tenant.verifiedDomain);
    }
}
