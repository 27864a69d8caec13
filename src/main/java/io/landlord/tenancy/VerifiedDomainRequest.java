package io.landlord.tenancy;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PUT /v1/tenants/{id}/verified-domain}; null removes the domain. Case does not matter. */
public record VerifiedDomainRequest(
        @Size(max = 253) @Pattern(regexp = DOMAIN, flags = Pattern.Flag.CASE_INSENSITIVE,
                message = "must be a domain name such as example.com") String verifiedDomain) {

    static final String DOMAIN = "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$";
}
