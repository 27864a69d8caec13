package io.landlord.client;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Management clients (platform roles); tenant clients get 403 here whatever their permissions. */
@Path("/v1/management/clients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Management clients")
public class ManagementClientResource {

    private final ClientService clients;
    private final SecurityIdentity identity;

    public ManagementClientResource(ClientService clients, SecurityIdentity identity) {
        this.clients = clients;
        this.identity = identity;
    }

    @GET
    @PermissionsAllowed(Permissions.CLIENTS_READ)
    @Recorded("MANAGEMENT_CLIENT_RETRIEVE_LIST")
    @Operation(operationId = "listManagementClients", summary = "List management clients",
            description = "Permission: clients:read (management clients). Cursor-paginated.")
    public Uni<Page<ClientResponse>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Caller.of(identity).requireManagement();
        return clients.list(null, PageRequest.of(limit, cursor));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.CLIENTS_CREATE)
    @Recorded(value = "MANAGEMENT_CLIENT_CREATE", change = true)
    @Operation(operationId = "createManagementClient", summary = "Create a management client",
            description = "Permission: clients:create (management clients). Platform roles only; the secret is in this"
                    + " response only.")
    @APIResponse(responseCode = "201", description = "Client created")
    public Uni<Response> create(@Valid @NotNull CreateClientRequest request) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(clients.create(null, request))
                .map(created -> Response.created(URI.create("/v1/management/clients/" + created.clientId()))
                        .entity(created).build());
    }

    @GET
    @Path("/{clientId}")
    @PermissionsAllowed(Permissions.CLIENTS_READ)
    @Recorded("MANAGEMENT_CLIENT_RETRIEVE")
    @Operation(operationId = "getManagementClient", summary = "Retrieve a management client",
            description = "Permission: clients:read (management clients).")
    public Uni<ClientResponse> get(@PathParam("clientId") String clientId) {
        Caller.of(identity).requireManagement();
        return clients.get(null, clientId);
    }

    @PATCH
    @Path("/{clientId}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @PermissionsAllowed(Permissions.CLIENTS_UPDATE)
    @Recorded(value = "MANAGEMENT_CLIENT_UPDATE", change = true)
    @Operation(operationId = "updateManagementClient", summary = "Change a management client's name or roles",
            description = "Permission: clients:update (management clients).")
    public Uni<ClientResponse> update(@PathParam("clientId") String clientId, @Valid @NotNull UpdateClientRequest request) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(clients.update(null, clientId, request));
    }

    @DELETE
    @Path("/{clientId}")
    @PermissionsAllowed(Permissions.CLIENTS_DELETE)
    @Recorded(value = "MANAGEMENT_CLIENT_DELETE", change = true)
    @Operation(operationId = "deleteManagementClient", summary = "Delete a management client",
            description = "Permission: clients:delete (management clients). Every token issued to the client is revoked.")
    @APIResponse(responseCode = "204", description = "Client deleted")
    public Uni<Response> delete(@PathParam("clientId") String clientId) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(clients.delete(null, clientId)).map(ok -> Response.noContent().build());
    }

    @POST
    @Path("/{clientId}/secret")
    @PermissionsAllowed(Permissions.CLIENTS_UPDATE)
    @Recorded(value = "MANAGEMENT_CLIENT_SECRET_ROTATE", change = true)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateManagementClientSecret", summary = "Rotate a management client's secret",
            description = "Permission: clients:update (management clients). The new secret is in this response only."
                    + " Optional body: previousSecretExpiresInSeconds (0 to 604800; absent or 0: the old secret stops at"
                    + " once) keeps the old secret working beside the new one until previousSecretExpiresAt;"
                    + " revokeTokens: true revokes every token issued to the client so far.")
    public Uni<ClientResponse> rotateSecret(@PathParam("clientId") String clientId, @Valid RotateClientSecretRequest request) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(clients.rotateSecret(null, clientId, request));
    }

    /** The rotation without a body (and so without a Content-Type): today's behaviour, the old secret stops at once. */
    @POST
    @Path("/{clientId}/secret")
    @PermissionsAllowed(Permissions.CLIENTS_UPDATE)
    @Recorded(value = "MANAGEMENT_CLIENT_SECRET_ROTATE", change = true)
    @Operation(hidden = true)
    public Uni<ClientResponse> rotateSecretWithoutBody(@PathParam("clientId") String clientId) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(clients.rotateSecret(null, clientId, null));
    }

    @DELETE
    @Path("/{clientId}/secret/previous")
    @PermissionsAllowed(Permissions.CLIENTS_UPDATE)
    @Recorded(value = "MANAGEMENT_CLIENT_PREVIOUS_SECRET_DELETE", change = true)
    @Operation(operationId = "deleteManagementClientPreviousSecret", summary = "End a secret rotation's overlap",
            description = "Permission: clients:update (management clients). The secret before the last rotation stops"
                    + " working now; nothing to end is a 204 too.")
    @APIResponse(responseCode = "204", description = "Only the current secret works")
    public Uni<Response> deletePreviousSecret(@PathParam("clientId") String clientId) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(clients.deletePreviousSecret(null, clientId)).map(ok -> Response.noContent().build());
    }
}
