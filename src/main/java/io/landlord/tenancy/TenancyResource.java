package io.landlord.tenancy;

import io.landlord.event.Recorded;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Permissions;
import io.landlord.common.web.Uncancellable;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's own view (DataTrails tenancies) and the public info anyone may read. */
@Path("/v1/tenancies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenancies")
public class TenancyResource {

    private final TenancyService tenancies;
    private final SecurityIdentity identity;

    public TenancyResource(TenancyService tenancies, SecurityIdentity identity) {
        this.tenancies = tenancies;
        this.identity = identity;
    }

    @GET
    @Path("/self")
    @PermissionsAllowed(Permissions.TENANTS_READ)
    @Recorded("TENANCY_RETRIEVE")
    @Operation(operationId = "getOwnTenancy", summary = "Retrieve the caller's own tenancy",
            description = "Permission: tenants:read (tenant clients only; a management client has no tenancy: 403).")
    public Uni<TenancyResponse> self() {
        return tenancies.self(Caller.of(identity).requireTenant());
    }

    @PATCH
    @Path("/self")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Recorded(value = "TENANCY_UPDATE", change = true)
    @Operation(operationId = "updateOwnTenancy", summary = "Update the caller's own tenancy",
            description = "Permission: tenants:update (tenant clients only, e.g. the admin role). Changes displayName"
                    + " and the enterprise SSO settings; enterpriseSsoConfig.clientSecret is write-only. verifiedDomain is"
                    + " set by the platform operator only.")
    public Uni<TenancyResponse> update(@Valid @NotNull UpdateTenancyRequest request) {
        return Uncancellable.of(tenancies.update(Caller.of(identity).requireTenant(), request));
    }

    @GET
    @Path("/{ref}")
    @PermitAll
    @Recorded("TENANCY_PUBLIC_INFO_RETRIEVE")
    @Operation(operationId = "getTenancyPublicInfo", summary = "Public information of a tenant",
            description = "Permission: none (public, no token). The path is /v1/tenancies/{uuid}:publicinfo. Rate-limited"
                    + " per client address; an unknown or malformed id is a 404.")
    @Extension(name = "x-public", value = "true")
    @APIResponse(responseCode = "200", description = "The tenant's identity, display name and verified domain")
    @APIResponse(responseCode = "429", description = "Too many requests from this address; see Retry-After")
    public Uni<PublicInfoResponse> publicInfo(@PathParam("ref") String ref, @Context HttpServerRequest request) {
        return tenancies.publicInfo(ref, request.remoteAddress().hostAddress());
    }
}
