package io.landlord.client;

import io.landlord.event.Recorded;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Permissions;
import io.landlord.common.web.Uncancellable;
import io.landlord.tenant.TenantService;
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

/** A tenant's API clients (tenant roles). A tenant client reaches only its own tenant's. */
@Path("/v1/tenants/{tenantId}/clients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenant clients")
public class TenantClientResource {

    private final ClientService clients;
    private final TenantService tenants;
    private final SecurityIdentity identity;

    public TenantClientResource(ClientService clients, TenantService tenants, SecurityIdentity identity) {
        this.clients = clients;
        this.tenants = tenants;
        this.identity = identity;
    }

    /** The caller may act in this tenant and the tenant exists: else 404. */
    private Uni<Void> inTenant(UUID tenantId) {
        return tenants.requireAccessible(Caller.of(identity), tenantId);
    }

    @GET
    @PermissionsAllowed(Permissions.CLIENTS_READ)
    @Recorded(value = "TENANT_CLIENT_RETRIEVE_LIST", tenantArgument = true)
    @Operation(operationId = "listTenantClients", summary = "List a tenant's clients",
            description = "Permission: clients:read. Cursor-paginated.")
    public Uni<Page<ClientResponse>> list(@PathParam("tenantId") UUID tenantId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return inTenant(tenantId).flatMap(ok -> clients.list(tenantId, page));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.CLIENTS_CREATE)
    @Recorded(value = "TENANT_CLIENT_CREATE", change = true, tenantArgument = true)
    @Operation(operationId = "createTenantClient", summary = "Create a tenant client",
            description = "Permission: clients:create. Tenant roles only; the secret is in this response only.")
    @APIResponse(responseCode = "201", description = "Client created")
    public Uni<Response> create(@PathParam("tenantId") UUID tenantId, @Valid @NotNull CreateClientRequest request) {
        return Uncancellable.of(inTenant(tenantId).flatMap(ok -> clients.create(tenantId, request)))
                .map(created -> Response.created(URI.create("/v1/tenants/" + tenantId + "/clients/" + created.clientId()))
                        .entity(created).build());
    }

    @GET
    @Path("/{clientId}")
    @PermissionsAllowed(Permissions.CLIENTS_READ)
    @Recorded(value = "TENANT_CLIENT_RETRIEVE", tenantArgument = true)
    @Operation(operationId = "getTenantClient", summary = "Retrieve a tenant client", description = "Permission: clients:read.")
    public Uni<ClientResponse> get(@PathParam("tenantId") UUID tenantId, @PathParam("clientId") String clientId) {
        return inTenant(tenantId).flatMap(ok -> clients.get(tenantId, clientId));
    }

    @PATCH
    @Path("/{clientId}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @PermissionsAllowed(Permissions.CLIENTS_UPDATE)
    @Recorded(value = "TENANT_CLIENT_UPDATE", change = true, tenantArgument = true)
    @Operation(operationId = "updateTenantClient", summary = "Change a tenant client's name or roles",
            description = "Permission: clients:update.")
    public Uni<ClientResponse> update(@PathParam("tenantId") UUID tenantId, @PathParam("clientId") String clientId,
            @Valid @NotNull UpdateClientRequest request) {
        return Uncancellable.of(inTenant(tenantId).flatMap(ok -> clients.update(tenantId, clientId, request)));
    }

    @DELETE
    @Path("/{clientId}")
    @PermissionsAllowed(Permissions.CLIENTS_DELETE)
    @Recorded(value = "TENANT_CLIENT_DELETE", change = true, tenantArgument = true)
    @Operation(operationId = "deleteTenantClient", summary = "Delete a tenant client",
            description = "Permission: clients:delete. Every token issued to the client is revoked.")
    @APIResponse(responseCode = "204", description = "Client deleted")
    public Uni<Response> delete(@PathParam("tenantId") UUID tenantId, @PathParam("clientId") String clientId) {
        return Uncancellable.of(inTenant(tenantId).flatMap(ok -> clients.delete(tenantId, clientId))).map(ok -> Response.noContent().build());
    }

    @POST
    @Path("/{clientId}/secret")
    @PermissionsAllowed(Permissions.CLIENTS_UPDATE)
    @Recorded(value = "TENANT_CLIENT_SECRET_ROTATE", change = true, tenantArgument = true)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rotateTenantClientSecret", summary = "Rotate a tenant client's secret",
            description = "Permission: clients:update. The new secret is in this response only. Optional body:"
                    + " previousSecretExpiresInSeconds (0 to 604800; absent or 0: the old secret stops at once) keeps the old"
                    + " secret working beside the new one until previousSecretExpiresAt; revokeTokens: true revokes every"
                    + " token issued to the client so far.")
    public Uni<ClientResponse> rotateSecret(@PathParam("tenantId") UUID tenantId, @PathParam("clientId") String clientId,
            @Valid RotateClientSecretRequest request) {
        return Uncancellable.of(inTenant(tenantId).flatMap(ok -> clients.rotateSecret(tenantId, clientId, request)));
    }

    /** The rotation without a body (and so without a Content-Type): today's behaviour, the old secret stops at once. */
    @POST
    @Path("/{clientId}/secret")
    @PermissionsAllowed(Permissions.CLIENTS_UPDATE)
    @Recorded(value = "TENANT_CLIENT_SECRET_ROTATE", change = true, tenantArgument = true)
    @Operation(hidden = true)
    public Uni<ClientResponse> rotateSecretWithoutBody(@PathParam("tenantId") UUID tenantId, @PathParam("clientId") String clientId) {
        return Uncancellable.of(inTenant(tenantId).flatMap(ok -> clients.rotateSecret(tenantId, clientId, null)));
    }

    @DELETE
    @Path("/{clientId}/secret/previous")
    @PermissionsAllowed(Permissions.CLIENTS_UPDATE)
    @Recorded(value = "TENANT_CLIENT_PREVIOUS_SECRET_DELETE", change = true, tenantArgument = true)
    @Operation(operationId = "deleteTenantClientPreviousSecret", summary = "End a secret rotation's overlap",
            description = "Permission: clients:update. The secret before the last rotation stops working now; nothing to"
                    + " end is a 204 too.")
    @APIResponse(responseCode = "204", description = "Only the current secret works")
    public Uni<Response> deletePreviousSecret(@PathParam("tenantId") UUID tenantId, @PathParam("clientId") String clientId) {
        return Uncancellable.of(inTenant(tenantId).flatMap(ok -> clients.deletePreviousSecret(tenantId, clientId)))
                .map(ok -> Response.noContent().build());
    }
}
