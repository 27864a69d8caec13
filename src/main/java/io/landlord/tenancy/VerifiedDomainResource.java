package io.landlord.tenancy;

import io.landlord.event.Recorded;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Permissions;
import io.landlord.common.web.Uncancellable;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform operator vouches for a tenant's domain; the tenant itself cannot. */
@Path("/v1/tenants/{tenantId}/verified-domain")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenancies")
public class VerifiedDomainResource {

    private final TenancyService tenancies;
    private final SecurityIdentity identity;

    public VerifiedDomainResource(TenancyService tenancies, SecurityIdentity identity) {
        this.tenancies = tenancies;
        this.identity = identity;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Recorded(value = "VERIFIED_DOMAIN_UPDATE", change = true, tenantArgument = true)
    @Operation(operationId = "setVerifiedDomain", summary = "Set a tenant's verified domain",
            description = "Permission: tenants:update (management clients only). {\"verifiedDomain\": null} removes it."
                    + " Returns the tenant's public info.")
    public Uni<PublicInfoResponse> put(@PathParam("tenantId") UUID tenantId, @Valid @NotNull VerifiedDomainRequest request) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(tenancies.setVerifiedDomain(tenantId, request));
    }
}
