package io.landlord.tenant;

import io.landlord.entitlement.EntitlementRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code POST /v1/tenants} (and its asynchronous twin). */
@RegisterForReflection
public record CreateTenantRequest(
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @NotNull @Pattern(regexp = SUBDOMAIN, message = "must be 1-63 lower-case letters, digits or inner hyphens") String subdomain,
        @NotNull UUID environmentId,
        @Size(max = 2000) String description,
        @Size(max = 100) String tag,
        @Size(max = 100) String code,
        @Pattern(regexp = "product|client", message = "must be product or client") String type,
        UUID mainTenantId,
        Map<String, Object> profile,
        @Size(max = 4) List<@Valid @NotNull EntitlementRequest> entitlements) {

    public static final String SUBDOMAIN = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";
}
