package io.landlord.identityprovider;

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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's OIDC identity provider (IBM "spidentityprovider"). A tenant client reaches only its own. */
@Path("/v1/tenants/{tenantId}/identity-provider")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity provider")
public class IdentityProviderResource {

    private final IdentityProviderService idps;
    private final SecurityIdentity identity;

    public IdentityProviderResource(IdentityProviderService idps, SecurityIdentity identity) {
        this.idps = idps;
        this.identity = identity;
    }

    @GET
    @PermissionsAllowed(Permissions.IDENTITY_PROVIDERS_READ)
    @Recorded(value = "IDENTITY_PROVIDER_RETRIEVE", tenantArgument = true)
    @Operation(operationId = "getIdentityProvider", summary = "Retrieve a tenant's OIDC identity provider",
            description = "Permission: identity-providers:read. The client secret is never returned; clientSecretSet"
                    + " says whether one is stored. 404 when none is configured.")
    public Uni<IdentityProviderResponse> get(@PathParam("tenantId") UUID tenantId) {
        Caller.of(identity).requireAccessTo(tenantId);
        return idps.get(tenantId);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.IDENTITY_PROVIDERS_WRITE)
    @Recorded(value = "IDENTITY_PROVIDER_UPDATE", change = true, tenantArgument = true)
    @Operation(operationId = "setIdentityProvider", summary = "Set a tenant's OIDC identity provider",
            description = "Permission: identity-providers:write. Replaces the settings. The issuer (and configUrl) must"
                    + " be https URLs without query or fragment. clientSecret is write-only and kept encrypted; leave it"
                    + " out (or empty) to keep the stored one.")
    public Uni<IdentityProviderResponse> put(@PathParam("tenantId") UUID tenantId,
            @Valid @NotNull IdentityProviderRequest request) {
        Caller.of(identity).requireAccessTo(tenantId);
        return Uncancellable.of(idps.replace(tenantId, request));
    }
}
