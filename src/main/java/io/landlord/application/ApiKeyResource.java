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

/** An application's API keys (SOAJS extKeys): shown once, listed without the key, revoked by DELETE. */
@Path("/v1/tenants/{tenantId}/applications/{applicationId}/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Applications and API keys")
public class ApiKeyResource {

    private final ApiKeyService keys;
    private final SecurityIdentity identity;

    public ApiKeyResource(ApiKeyService keys, SecurityIdentity identity) {
        this.keys = keys;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Recorded(value = "API_KEY_CREATE", change = true, tenantArgument = true)
    @Operation(operationId = "createApiKey", summary = "Create an API key",
            description = "Permission: tenants:update. The key is in this response only; expiresAt defaults to now plus"
                    + " the application's ttlHours.")
    @APIResponse(responseCode = "201", description = "Key created")
    public Uni<Response> create(@PathParam("tenantId") UUID tenantId, @PathParam("applicationId") UUID applicationId,
            @Valid @NotNull CreateApiKeyRequest request) {
        Caller.of(identity).requireAccessTo(tenantId);
        return Uncancellable.of(keys.create(tenantId, applicationId, request))
                .map(created -> Response.created(URI.create("/v1/tenants/" + tenantId + "/applications/" + applicationId
                        + "/keys/" + created.id())).entity(created).build());
    }

    @GET
    @PermissionsAllowed(Permissions.TENANTS_READ)
    @Recorded(value = "API_KEY_RETRIEVE_LIST", tenantArgument = true)
    @Operation(operationId = "listApiKeys", summary = "List an application's API keys",
            description = "Permission: tenants:read. Without the keys themselves; revoked keys show revokedAt."
                    + " Cursor-paginated, oldest first.")
    public Uni<Page<ApiKeyResponse>> list(@PathParam("tenantId") UUID tenantId, @PathParam("applicationId") UUID applicationId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        Caller.of(identity).requireAccessTo(tenantId);
        return keys.list(tenantId, applicationId, page);
    }

    @DELETE
    @Path("/{keyId}")
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Recorded(value = "API_KEY_REVOKE", change = true, tenantArgument = true)
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key",
            description = "Permission: tenants:update. The key stops verifying at once.")
    @APIResponse(responseCode = "204", description = "Key revoked")
    public Uni<Response> revoke(@PathParam("tenantId") UUID tenantId, @PathParam("applicationId") UUID applicationId,
            @PathParam("keyId") UUID keyId) {
        Caller.of(identity).requireAccessTo(tenantId);
        return Uncancellable.of(keys.revoke(tenantId, applicationId, keyId)).map(ok -> Response.noContent().build());
    }
}
