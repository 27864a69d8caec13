package io.landlord.tenant;

import io.landlord.event.Recorded;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Permissions;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A main tenant's sub-tenants, read-only. Through these paths a main tenant's own clients read their
 * sub-tenants' public data; every other path of a sub-tenant stays closed to them (404).
 */
@Path("/v1/tenants/{tenantId}/subtenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
public class SubTenantResource {

    private final SubTenantService subTenants;
    private final SecurityIdentity identity;

    public SubTenantResource(SubTenantService subTenants, SecurityIdentity identity) {
        this.subTenants = subTenants;
        this.identity = identity;
    }

    @GET
    @PermissionsAllowed(Permissions.TENANTS_READ)
    @Recorded(value = "SUB_TENANT_RETRIEVE_LIST", tenantArgument = true)
    @Operation(operationId = "listSubTenants", summary = "List a main tenant's sub-tenants",
            description = "Permission: tenants:read (management clients, or the main tenant's own clients)."
                    + " Cursor-paginated, oldest first.")
    public Uni<Page<SubTenantResponse>> list(@PathParam("tenantId") UUID tenantId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        Caller.of(identity).requireAccessTo(tenantId);
        return subTenants.list(tenantId, page);
    }

    @GET
    @Path("/{subTenantId}")
    @PermissionsAllowed(Permissions.TENANTS_READ)
    @Recorded(value = "SUB_TENANT_RETRIEVE", tenantArgument = true)
    @Operation(operationId = "getSubTenant", summary = "Retrieve a sub-tenant's public data",
            description = "Permission: tenants:read (management clients, or the main tenant's own clients).")
    public Uni<SubTenantResponse> get(@PathParam("tenantId") UUID tenantId, @PathParam("subTenantId") UUID subTenantId) {
        Caller.of(identity).requireAccessTo(tenantId);
        return subTenants.get(tenantId, subTenantId);
    }
}
