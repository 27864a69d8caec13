package io.landlord.operation;

import io.landlord.tenant.CreateTenantRequest;
import io.landlord.tenant.TenantBundle;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * {@code POST /v1/tenants:import}: an exported bundle, the environment to import it into, and optionally a subdomain
 * and a name that replace the bundled tenant's own.
 */
@RegisterForReflection
public record ImportTenantRequest(
        @Valid @NotNull TenantBundle bundle,
        @NotNull UUID environmentId,
        @Pattern(regexp = CreateTenantRequest.SUBDOMAIN, message = "must be 1-63 lower-case letters, digits or inner hyphens") String subdomain,
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name) {
}
