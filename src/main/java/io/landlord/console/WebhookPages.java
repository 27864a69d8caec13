package io.landlord.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Permissions;
import io.landlord.event.Recorded;
import io.landlord.webhook.CreateWebhookRequest;
import io.landlord.webhook.DeliveryService;
import io.landlord.webhook.RotateSecretRequest;
import io.landlord.webhook.WebhookService;
import io.landlord.webhook.WebhookWorker;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Webhooks: create (the signing secret shown once), enable or disable, rotate the secret, delete; each webhook's
 * deliveries with their attempts, and redelivery.
 */
@Path("/console/webhooks")
@ConsoleEndpoint
@Produces(MediaType.TEXT_HTML)
public class WebhookPages {

    private static final String SHOWN = "50";

    private final WebhookService webhooks;
    private final DeliveryService deliveries;
    private final WebhookWorker worker;
    private final ObjectMapper json;
    private final ConsoleUser user;

    public WebhookPages(WebhookService webhooks, DeliveryService deliveries, WebhookWorker worker, ObjectMapper json,
            ConsoleUser user) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.worker = worker;
        this.json = json;
        this.user = user;
    }

    @GET
    @PermissionsAllowed(Permissions.WEBHOOKS_READ)
    public Uni<String> list() {
        user.caller().requireManagement();
        return webhooks.list(PageRequest.of(String.valueOf(PageRequest.MAX_LIMIT), null))
                .flatMap(page -> Pages.webhooks(user.chrome("webhooks"), page.data()).createUni());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Permissions.WEBHOOKS_WRITE)
    @Recorded(value = "WEBHOOK_CREATE", change = true)
    public Uni<String> create(@RestForm String url, @RestForm String eventTypes, @RestForm String tenantId) {
        user.caller().requireManagement();
        CreateWebhookRequest request = new CreateWebhookRequest(ConsoleForms.given(url), words(eventTypes),
                ConsoleForms.uuid("tenantId", tenantId), true);
        return webhooks.create(request).flatMap(created -> Pages.createdWebhook(created, "Webhook created").createUni());
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed(Permissions.WEBHOOKS_READ)
    public Uni<String> webhook(@PathParam("id") UUID id) {
        user.caller().requireManagement();
        return webhooks.get(id).flatMap(webhook -> deliveries.list(id, PageRequest.of(SHOWN, null))
                .flatMap(page -> Pages.webhook(user.chrome("webhooks"), webhook, page.data()).createUni()));
    }

    @POST
    @Path("/{id}/enabled")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Permissions.WEBHOOKS_WRITE)
    @Recorded(value = "WEBHOOK_UPDATE", change = true)
    public Uni<Response> enable(@PathParam("id") UUID id, @RestForm boolean enabled) {
        user.caller().requireManagement();
        return webhooks.update(id, json.createObjectNode().put("enabled", enabled)).map(updated -> reload());
    }

    @POST
    @Path("/{id}/secret")
    @PermissionsAllowed(Permissions.WEBHOOKS_WRITE)
    @Recorded(value = "WEBHOOK_SECRET_ROTATE", change = true)
    public Uni<String> rotate(@PathParam("id") UUID id) {
        user.caller().requireManagement();
        return webhooks.rotateSecret(id, new RotateSecretRequest(null))
                .flatMap(rotated -> Pages.createdWebhook(rotated, "Secret rotated: the previous one keeps signing until "
                        + ConsoleFormat.utc(rotated.previousSecretExpiresAt())).createUni());
    }

    @POST
    @Path("/{id}/delete")
    @PermissionsAllowed(Permissions.WEBHOOKS_WRITE)
    @Recorded(value = "WEBHOOK_DELETE", change = true)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        user.caller().requireManagement();
        return webhooks.delete(id).map(ok -> Response.ok().header("HX-Redirect", "/console/webhooks").build());
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @PermissionsAllowed(Permissions.WEBHOOKS_WRITE)
    @Recorded(value = "WEBHOOK_DELIVERY_REDELIVER", change = true)
    public Uni<Response> redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        user.caller().requireManagement();
        return deliveries.redeliver(id, deliveryId).invoke(worker::wake).map(delivery -> reload());
    }

    private static Response reload() {
        return Response.ok().header("HX-Refresh", "true").build();
    }

    /** Event types typed separated by spaces or commas; none means every type. */
    private static List<String> words(String text) {
        String given = ConsoleForms.given(text);
        return given == null ? List.of() : Arrays.stream(given.split("[\\s,]+")).filter(word -> !word.isEmpty()).toList();
    }
}
