package io.landlord.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.landlord.event.Recorded;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
import io.landlord.common.security.LockedTenants;
import io.landlord.common.security.Permissions;
import io.landlord.common.web.Uncancellable;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.StringPermission;
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
    /** A tenant's path; the id stops at a colon, so that {@code /tenants/{id}:action} reaches its own method. */
    static final String TENANT = "/tenants/{id: [^/:]+}";

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
            description = "Permission: tenants:read (management clients). Cursor-paginated, oldest first. With"
                    + " ?deleted=true, the deleted tenants instead, each with deletedAt and purgeAfter (until when it"
                    + " can be restored).")
    public Uni<Page<TenantResponse>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @QueryParam("deleted") boolean deleted) {
        Caller.of(identity).requireManagement();
        PageRequest page = PageRequest.of(limit, cursor);
        return deleted ? tenants.listDeleted(page) : tenants.list(page);
    }

    @GET
    @Path(TENANT)
    @PermissionsAllowed(Permissions.TENANTS_READ)
    @Recorded(value = "TENANT_RETRIEVE", tenantArgument = true)
    @Operation(operationId = "getTenant", summary = "Retrieve a tenant",
            description = "Permission: tenants:read. A tenant client reads only its own tenant.")
    public Uni<TenantResponse> get(@PathParam("id") UUID id) {
        Caller.of(identity).requireAccessTo(id);
        return tenants.get(id);
    }

    @PATCH
    @Path(TENANT)
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
    @Path(TENANT)
    @PermissionsAllowed(Permissions.TENANTS_DELETE)
    @Recorded(value = "TENANT_DELETE", change = true, tenantArgument = true)
    @Operation(operationId = "deleteTenant", summary = "Delete a tenant (restorable), or purge a deleted one",
            description = "Permission: tenants:delete. Marks the tenant deleted: it answers 404 everywhere, its clients get"
                    + " no tokens and their issued tokens are refused (401) on every instance within"
                    + " landlord.locks.refresh-interval; its subdomain stays held. POST /v1/tenants/{id}:restore brings it"
                    + " back within landlord.tenants.restore-window (30 days by default); then it is purged. A main tenant"
                    + " with sub-tenants is deleted only with ?cascade=true, which deletes them with it (and a restore"
                    + " brings them back). With ?purge=true (permission tenants:purge, platform-admin only) a deleted"
                    + " tenant and its sub-tenants are erased at once, with everything they own, and the subdomain is free.")
    @APIResponse(responseCode = "204", description = "Tenant deleted (or purged)")
    @APIResponse(responseCode = "403", description = "?purge=true without the permission tenants:purge")
    @APIResponse(responseCode = "404", description = "No such tenant (for a purge: no such deleted tenant)")
    @APIResponse(responseCode = "409", description = "The tenant has sub-tenants and cascade is not true; or, for a purge,"
            + " the tenant is not deleted")
    public Uni<Response> delete(@PathParam("id") UUID id, @QueryParam("cascade") boolean cascade,
            @QueryParam("purge") boolean purge) {
        Caller caller = Caller.of(identity);
        caller.requireAccessTo(id);
        if (purge) {
            caller.requireManagement();
            return identity.checkPermission(new StringPermission("tenants", "purge")).flatMap(allowed -> {
                if (!allowed) {
                    throw new ForbiddenException();
                }
                return Uncancellable.of(tenants.purge(id));
            }).map(ignored -> Response.noContent().build());
        }
        return Uncancellable.of(tenants.delete(id, cascade)).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path(TENANT + ":restore")
    @PermissionsAllowed(Permissions.TENANTS_DELETE)
    @Recorded(value = "TENANT_RESTORE", change = true, tenantArgument = true)
    @Operation(operationId = "restoreTenant", summary = "Restore a deleted tenant",
            description = "Permission: tenants:delete (management clients). Within landlord.tenants.restore-window of"
                    + " its delete, brings the tenant back exactly as it was (clients and their secrets, entitlements,"
                    + " identity provider, applications and keys) with the sub-tenants deleted with it; its clients'"
                    + " tokens are accepted again. Of concurrent restores, one succeeds and the others answer 409.")
    @APIResponse(responseCode = "200", description = "Tenant restored")
    @APIResponse(responseCode = "404", description = "No such tenant, or it was purged (its restore window has passed)")
    @APIResponse(responseCode = "409", description = "The tenant is not deleted, was deleted with its main tenant"
            + " (restore that one), or its main tenant is deleted")
    public Uni<TenantResponse> restore(@PathParam("id") UUID id) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(tenants.restore(id));
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
