package io.landlord.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Permissions;
import io.landlord.common.web.Uncancellable;
import io.landlord.event.Recorded;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
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

/** Webhooks of the management plane: tenant clients get a 403 whatever their permissions. */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhookResource {

    private final WebhookService webhooks;
    private final DeliveryService deliveries;
    private final WebhookWorker worker;
    private final SecurityIdentity identity;

    public WebhookResource(WebhookService webhooks, DeliveryService deliveries, WebhookWorker worker, SecurityIdentity identity) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.worker = worker;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Recorded(value = "WEBHOOK_CREATE", change = true)
    @PermissionsAllowed(Permissions.WEBHOOKS_WRITE)
    @Operation(operationId = "createWebhook", summary = "Create a webhook",
            description = "Permission: webhooks:write (management clients). The answer holds the signing secret (whsec_…),"
                    + " shown this once. eventTypes empty or absent: every type; tenantId absent: every tenant's events."
                    + " The URL must be http(s) and its host must resolve to public addresses only.")
    @APIResponse(responseCode = "201", description = "Webhook created; secret shown once")
    public Uni<Response> create(@NotNull CreateWebhookRequest request) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(webhooks.create(request))
                .map(created -> Response.created(URI.create("/v1/webhooks/" + created.id())).entity(created).build());
    }

    @GET
    @Recorded("WEBHOOK_RETRIEVE_LIST")
    @PermissionsAllowed(Permissions.WEBHOOKS_READ)
    @Operation(operationId = "listWebhooks", summary = "List webhooks",
            description = "Permission: webhooks:read (management clients). Cursor-paginated, oldest first.")
    public Uni<Page<WebhookResponse>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        Caller.of(identity).requireManagement();
        return webhooks.list(page);
    }

    @GET
    @Path("/{id}")
    @Recorded("WEBHOOK_RETRIEVE")
    @PermissionsAllowed(Permissions.WEBHOOKS_READ)
    @Operation(operationId = "getWebhook", summary = "Retrieve a webhook", description = "Permission: webhooks:read. Never shows the secret.")
    public Uni<WebhookResponse> get(@PathParam("id") UUID id) {
        Caller.of(identity).requireManagement();
        return webhooks.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ "application/merge-patch+json", MediaType.APPLICATION_JSON })
    @Recorded(value = "WEBHOOK_UPDATE", change = true)
    @PermissionsAllowed(Permissions.WEBHOOKS_WRITE)
    @Operation(operationId = "updateWebhook", summary = "Change a webhook",
            description = "Permission: webhooks:write. A JSON merge patch of url, eventTypes, tenantId (null: every tenant)"
                    + " and enabled. Re-enabling a disabled webhook resumes its pending deliveries.")
    public Uni<WebhookResponse> update(@PathParam("id") UUID id, @NotNull JsonNode patch) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(webhooks.update(id, patch));
    }

    @POST
    @Path("/{id}:rotate-secret")
    @Consumes(MediaType.APPLICATION_JSON)
    @Recorded(value = "WEBHOOK_SECRET_ROTATE", change = true)
    @PermissionsAllowed(Permissions.WEBHOOKS_WRITE)
    @Operation(operationId = "rotateWebhookSecret", summary = "Replace a webhook's signing secret",
            description = "Permission: webhooks:write. The answer holds the new secret, shown this once. The current secret"
                    + " keeps signing beside the new one (two v1= signatures) for previousSecretExpiresInSeconds"
                    + " (0 to 604800; absent: 86400), so receivers can switch without refusing deliveries.")
    public Uni<WebhookResponse> rotateSecret(@PathParam("id") UUID id, RotateSecretRequest request) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(webhooks.rotateSecret(id, request));
    }

    @DELETE
    @Path("/{id}")
    @Recorded(value = "WEBHOOK_DELETE", change = true)
    @PermissionsAllowed(Permissions.WEBHOOKS_WRITE)
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook with its deliveries", description = "Permission: webhooks:write.")
    @APIResponse(responseCode = "204", description = "Webhook deleted")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(webhooks.delete(id)).map(ok -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/deliveries")
    @Recorded("WEBHOOK_DELIVERY_RETRIEVE_LIST")
    @PermissionsAllowed(Permissions.WEBHOOKS_READ)
    @Operation(operationId = "listWebhookDeliveries", summary = "List a webhook's deliveries with their attempts",
            description = "Permission: webhooks:read. Cursor-paginated, newest first.")
    public Uni<Page<DeliveryResponse>> deliveries(@PathParam("id") UUID id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        Caller.of(identity).requireManagement();
        return deliveries.list(id, page);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}:redeliver")
    @Recorded(value = "WEBHOOK_DELIVERY_REDELIVER", change = true)
    @PermissionsAllowed(Permissions.WEBHOOKS_WRITE)
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send a delivery again",
            description = "Permission: webhooks:write. The delivery is PENDING and due at once, with a fresh retry window.")
    @APIResponse(responseCode = "202", description = "Delivery queued again")
    public Uni<Response> redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(deliveries.redeliver(id, deliveryId))
                .invoke(worker::wake)
                .map(delivery -> Response.accepted(delivery).build());
    }
}
