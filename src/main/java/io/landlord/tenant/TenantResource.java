package io.landlord.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Permissions;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
public class TenantResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final TenantService tenants;
    private final SecurityIdentity identity;

    public TenantResource(TenantService tenants, SecurityIdentity identity) {
        this.tenants = tenants;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TENANTS_CREATE)
    @Operation(operationId = "createTenant", summary = "Create a tenant",
            description = "Permission: tenants:create (management clients). Creates the tenant and its default admin"
                    + " client, whose secret is in this response only.")
    @APIResponse(responseCode = "201", description = "Tenant created")
    @APIResponse(responseCode = "409", description = "The subdomain is taken in this environment")
    public Uni<Response> create(@Valid @NotNull CreateTenantRequest request) {
        Caller.of(identity).requireManagement();
        return tenants.create(request)
                .map(created -> Response.created(URI.create("/v1/tenants/" + created.id())).entity(created).build());
    }

    @GET
    @PermissionsAllowed(Permissions.TENANTS_READ)
    @Operation(operationId = "listTenants", summary = "List tenants",
            description = "Permission: tenants:read (management clients). Cursor-paginated, oldest first.")
    public Uni<Page<TenantResponse>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Caller.of(identity).requireManagement();
        return tenants.list(PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed(Permissions.TENANTS_READ)
    @Operation(operationId = "getTenant", summary = "Retrieve a tenant",
            description = "Permission: tenants:read. A tenant client reads only its own tenant.")
    public Uni<TenantResponse> get(@PathParam("id") UUID id) {
        Caller.of(identity).requireAccessTo(id);
        return tenants.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Operation(operationId = "updateTenant", summary = "Update a tenant (JSON merge patch)",
            description = "Permission: tenants:update. Changes name, description, tag and profile (merged).")
    public Uni<TenantResponse> update(@PathParam("id") UUID id, JsonNode patch) {
        Caller.of(identity).requireAccessTo(id);
        return tenants.update(id, patch);
    }

    @DELETE
    @Path("/{id}")
    @PermissionsAllowed(Permissions.TENANTS_DELETE)
    @Operation(operationId = "deleteTenant", summary = "Delete a tenant and everything it owns",
            description = "Permission: tenants:delete. A main tenant with sub-tenants is deleted only with"
                    + " ?cascade=true, which deletes its sub-tenants too.")
    @APIResponse(responseCode = "204", description = "Tenant deleted")
    @APIResponse(responseCode = "409", description = "The tenant has sub-tenants and cascade is not true")
    public Uni<Response> delete(@PathParam("id") UUID id, @QueryParam("cascade") boolean cascade) {
        Caller.of(identity).requireAccessTo(id);
        return tenants.delete(id, cascade).map(ignored -> Response.noContent().build());
    }
}
