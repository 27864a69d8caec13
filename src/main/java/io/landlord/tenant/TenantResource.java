package io.landlord.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.landlord.event.Recorded;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
import io.landlord.common.security.LockedTenants;
import io.landlord.common.security.Permissions;
import io.landlord.common.web.Uncancellable;
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
import jakarta.ws.rs.PUT;
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

@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
public class TenantResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final TenantService tenants;
    private final LockedTenants lockedTenants;
    private final SecurityIdentity identity;

    public TenantResource(TenantService tenants, LockedTenants lockedTenants, SecurityIdentity identity) {
        this.tenants = tenants;
        this.lockedTenants = lockedTenants;
        this.identity = identity;
    }

    @POST
    @Path("/tenants")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TENANTS_CREATE)
    @Recorded(value = "TENANT_CREATE", change = true)
    @Operation(operationId = "createTenant", summary = "Create a tenant",
            description = "Permission: tenants:create (management clients). Creates the tenant and its default admin"
                    + " client, whose secret is in this response only.")
    @APIResponse(responseCode = "201", description = "Tenant created")
    @APIResponse(responseCode = "409", description = "The subdomain is taken in this environment")
    public Uni<Response> create(@Valid @NotNull CreateTenantRequest request) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(tenants.create(request))
                .map(created -> Response.created(URI.create("/v1/tenants/" + created.id())).entity(created).build());
    }

    @GET
    @Path("/tenants")
    @PermissionsAllowed(Permissions.TENANTS_READ)
    @Recorded("TENANT_RETRIEVE_LIST")
    @Operation(operationId = "listTenants", summary = "List tenants",
            description = "Permission: tenants:read (management clients). Cursor-paginated, oldest first.")
    public Uni<Page<TenantResponse>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Caller.of(identity).requireManagement();
        return tenants.list(PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/tenants/{id}")
    @PermissionsAllowed(Permissions.TENANTS_READ)
    @Recorded(value = "TENANT_RETRIEVE", tenantArgument = true)
    @Operation(operationId = "getTenant", summary = "Retrieve a tenant",
            description = "Permission: tenants:read. A tenant client reads only its own tenant.")
    public Uni<TenantResponse> get(@PathParam("id") UUID id) {
        Caller.of(identity).requireAccessTo(id);
        return tenants.get(id);
    }

    @PATCH
    @Path("/tenants/{id}")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Recorded(value = "TENANT_UPDATE", change = true, tenantArgument = true)
    @Operation(operationId = "updateTenant", summary = "Update a tenant (JSON merge patch)",
            description = "Permission: tenants:update. Changes name, description, tag and profile (merged).")
    public Uni<TenantResponse> update(@PathParam("id") UUID id, JsonNode patch) {
        Caller.of(identity).requireAccessTo(id);
        return Uncancellable.of(tenants.update(id, patch));
    }

    @PUT
    @Path("/tenants/{id}/lock")
    @PermissionsAllowed(Permissions.TENANTS_LOCK)
    @Recorded(value = "TENANT_LOCK", change = true, tenantArgument = true)
    @Operation(operationId = "lockTenant", summary = "Lock a tenant",
            description = "Permission: tenants:lock (management clients). Idempotent. The tenant's clients get no tokens"
                    + " and their issued tokens are refused (403 TenantLocked) on every instance within"
                    + " landlord.locks.refresh-interval (2 s by default).")
    public Uni<TenantResponse> lock(@PathParam("id") UUID id) {
        return setLocked(id, true);
    }

    @PUT
    @Path("/tenants/{id}/unlock")
    @PermissionsAllowed(Permissions.TENANTS_LOCK)
    @Recorded(value = "TENANT_UNLOCK", change = true, tenantArgument = true)
    @Operation(operationId = "unlockTenant", summary = "Unlock a tenant",
            description = "Permission: tenants:lock (management clients). Idempotent; restores tokens.")
    public Uni<TenantResponse> unlock(@PathParam("id") UUID id) {
        return setLocked(id, false);
    }

    private Uni<TenantResponse> setLocked(UUID id, boolean locked) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(tenants.setLocked(id, locked)).invoke(tenant -> lockedTenants.changed(id, locked));
    }

    @DELETE
    @Path("/tenants/{id}")
    @PermissionsAllowed(Permissions.TENANTS_DELETE)
    @Recorded(value = "TENANT_DELETE", change = true, tenantArgument = true)
    @Operation(operationId = "deleteTenant", summary = "Delete a tenant and everything it owns",
            description = "Permission: tenants:delete. A main tenant with sub-tenants is deleted only with"
                    + " ?cascade=true, which deletes its sub-tenants too.")
    @APIResponse(responseCode = "204", description = "Tenant deleted")
    @APIResponse(responseCode = "409", description = "The tenant has sub-tenants and cascade is not true")
    public Uni<Response> delete(@PathParam("id") UUID id, @QueryParam("cascade") boolean cascade) {
        Caller.of(identity).requireAccessTo(id);
        return Uncancellable.of(tenants.delete(id, cascade)).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/tenants:search")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TENANTS_READ)
    @Recorded("TENANT_SEARCH")
    @Operation(operationId = "searchTenants", summary = "Search tenants by attributes",
            description = "Permission: tenants:read (management clients). Up to 5 conditions {attribute, operator, value}"
                    + " on name, subdomain, code, tag (EQUALS, NOT_EQUALS, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH;"
                    + " case-insensitive), type, contractMode, locked (EQUALS), environmentId, mainTenantId (EQUALS,"
                    + " NOT_EQUALS), createdAt (EQUALS, GREATER_THAN(_OR_EQUAL), LESS_THAN(_OR_EQUAL)); orderBy any of"
                    + " them (ties by id); keyset pages via limit and cursor.")
    public Uni<Page<TenantResponse>> search(@Valid @NotNull TenantSearchRequest request) {
        Caller.of(identity).requireManagement();
        return tenants.search(request);
    }
}
