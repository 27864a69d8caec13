package io.landlord.application;

import io.landlord.event.Recorded;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
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

/**
 * A tenant's applications (SOAJS). SOAJS keeps applications inside the tenant record, so they are read and
 * changed with the tenant's own permissions. A tenant client reaches only its own tenant's.
 */
@Path("/v1/tenants/{tenantId}/applications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Applications and API keys")
public class ApplicationResource {

    private final ApplicationService applications;
    private final SecurityIdentity identity;

    public ApplicationResource(ApplicationService applications, SecurityIdentity identity) {
        this.applications = applications;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Recorded(value = "APPLICATION_CREATE", change = true, tenantArgument = true)
    @Operation(operationId = "createApplication", summary = "Create an application",
            description = "Permission: tenants:update. ttlHours is one of 6, 12, 24, 48, 72, 96, 120, 144, 168.")
    @APIResponse(responseCode = "201", description = "Application created")
    public Uni<Response> create(@PathParam("tenantId") UUID tenantId, @Valid @NotNull CreateApplicationRequest request) {
        Caller.of(identity).requireAccessTo(tenantId);
        return Uncancellable.of(applications.create(tenantId, request))
                .map(created -> Response.created(URI.create("/v1/tenants/" + tenantId + "/applications/" + created.id()))
                        .entity(created).build());
    }

    @GET
    @PermissionsAllowed(Permissions.TENANTS_READ)
    @Recorded(value = "APPLICATION_RETRIEVE_LIST", tenantArgument = true)
    @Operation(operationId = "listApplications", summary = "List a tenant's applications",
            description = "Permission: tenants:read. Cursor-paginated, oldest first.")
    public Uni<Page<ApplicationResponse>> list(@PathParam("tenantId") UUID tenantId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        Caller.of(identity).requireAccessTo(tenantId);
        return applications.list(tenantId, page);
    }

    @GET
    @Path("/{applicationId}")
    @PermissionsAllowed(Permissions.TENANTS_READ)
    @Recorded(value = "APPLICATION_RETRIEVE", tenantArgument = true)
    @Operation(operationId = "getApplication", summary = "Retrieve an application", description = "Permission: tenants:read.")
    public Uni<ApplicationResponse> get(@PathParam("tenantId") UUID tenantId, @PathParam("applicationId") UUID applicationId) {
        Caller.of(identity).requireAccessTo(tenantId);
        return applications.get(tenantId, applicationId);
    }

    @PATCH
    @Path("/{applicationId}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Recorded(value = "APPLICATION_UPDATE", change = true, tenantArgument = true)
    @Operation(operationId = "updateApplication", summary = "Change an application",
            description = "Permission: tenants:update. Changes productCode, packageCode, description or ttlHours.")
    public Uni<ApplicationResponse> update(@PathParam("tenantId") UUID tenantId, @PathParam("applicationId") UUID applicationId,
            @Valid @NotNull UpdateApplicationRequest request) {
        Caller.of(identity).requireAccessTo(tenantId);
        return Uncancellable.of(applications.update(tenantId, applicationId, request));
    }

    @DELETE
    @Path("/{applicationId}")
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Recorded(value = "APPLICATION_DELETE", change = true, tenantArgument = true)
    @Operation(operationId = "deleteApplication", summary = "Delete an application and its API keys",
            description = "Permission: tenants:update. Its keys stop verifying at once.")
    @APIResponse(responseCode = "204", description = "Application deleted")
    public Uni<Response> delete(@PathParam("tenantId") UUID tenantId, @PathParam("applicationId") UUID applicationId) {
        Caller.of(identity).requireAccessTo(tenantId);
        return Uncancellable.of(applications.delete(tenantId, applicationId)).map(ok -> Response.noContent().build());
    }
}
