package io.landlord.operation;

import io.landlord.tenant.CreateTenantRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** {@code POST /v1/tenants/{id}:clone}: where the copy goes, its subdomain and (optionally) its name. */
@RegisterForReflection
public record CloneTenantRequest(
        @NotNull UUID environmentId,
        @NotNull @Pattern(regexp = CreateTenantRequest.SUBDOMAIN, message = "must be 1-63 lower-case letters, digits or inner hyphens") String subdomain,
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name) {
}
