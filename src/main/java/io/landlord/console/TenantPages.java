package io.landlord.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.LockedTenants;
import io.landlord.common.security.Permissions;
import io.landlord.event.EventService;
import io.landlord.event.Recorded;
import io.landlord.tenancy.TenancyService;
import io.landlord.tenancy.VerifiedDomainRequest;
import io.landlord.tenant.SubTenantService;
import io.landlord.tenant.TenantService;
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
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/**
 * A tenant's page: its facts and profile, lock and unlock, delete, verified domain; its clients, entitlements, events
 * and sub-tenants are sections the page loads (and each change re-renders) on their own. A tenant's own client reaches
 * only its own tenant here, as in the API.
 */
@Path("/console/tenants/{tenantId}")
@ConsoleEndpoint
@Produces(MediaType.TEXT_HTML)
public class TenantPages {

    private static final String SECTION_SIZE = "20";

    private final TenantService tenants;
    private final SubTenantService subTenants;
    private final TenancyService tenancies;
    private final EventService events;
    private final LockedTenants lockedTenants;
    private final ClientSection clients;
    private final ObjectMapper json;
    private final ConsoleForms forms;
    private final ConsoleUser user;

    public TenantPages(TenantService tenants, SubTenantService subTenants, TenancyService tenancies, EventService events,
            LockedTenants lockedTenants, ClientSection clients, ObjectMapper json, ConsoleForms forms, ConsoleUser user) {
        this.tenants = tenants;
        this.subTenants = subTenants;
        this.tenancies = tenancies;
        this.events = events;
        this.lockedTenants = lockedTenants;
        this.clients = clients;
        this.json = json;
        this.forms = forms;
        this.user = user;
    }

    @GET
    @PermissionsAllowed(Permissions.TENANTS_READ)
    public Uni<String> tenant(@PathParam("tenantId") UUID tenantId) {
        user.caller().requireAccessTo(tenantId);
        return tenants.get(tenantId).flatMap(tenant -> Pages.tenant(user.chrome("tenants"), tenant,
                profileText(tenant.profile())).createUni());
    }

    @POST
    @Path("/profile")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Recorded(value = "TENANT_UPDATE", change = true, tenantArgument = true)
    public Uni<Response> profile(@PathParam("tenantId") UUID tenantId, @RestForm String name, @RestForm String description,
            @RestForm String tag, @RestForm String profile) {
        user.caller().requireAccessTo(tenantId);
        ObjectNode patch = json.createObjectNode();
        patch.put("name", name == null ? "" : name.strip());
        patch.put("description", ConsoleForms.given(description));
        patch.put("tag", ConsoleForms.given(tag));
        patch.set("profile", profileJson(profile));
        return tenants.update(tenantId, patch).map(updated -> reload());
    }

    @POST
    @Path("/lock")
    @PermissionsAllowed(Permissions.TENANTS_LOCK)
    @Recorded(value = "TENANT_LOCK", change = true, tenantArgument = true)
    public Uni<Response> lock(@PathParam("tenantId") UUID tenantId) {
        return setLocked(tenantId, true);
    }

    @POST
    @Path("/unlock")
    @PermissionsAllowed(Permissions.TENANTS_LOCK)
    @Recorded(value = "TENANT_UNLOCK", change = true, tenantArgument = true)
    public Uni<Response> unlock(@PathParam("tenantId") UUID tenantId) {
        return setLocked(tenantId, false);
    }

    private Uni<Response> setLocked(UUID tenantId, boolean locked) {
        user.caller().requireManagement();
        return tenants.setLocked(tenantId, locked).invoke(tenant -> lockedTenants.changed(tenantId, locked)).map(t -> reload());
    }

    /** Deletes the tenant once the user typed its subdomain (the label, or the whole host). */
    @POST
    @Path("/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Permissions.TENANTS_DELETE)
    @Recorded(value = "TENANT_DELETE", change = true, tenantArgument = true)
    public Uni<Response> delete(@PathParam("tenantId") UUID tenantId, @RestForm String confirm, @RestForm boolean cascade) {
        user.caller().requireManagement();
        return tenants.get(tenantId).flatMap(tenant -> {
            String typed = confirm == null ? "" : confirm.strip();
            if (typed.isEmpty() || !(tenant.subdomain().equals(typed) || tenant.subdomain().startsWith(typed + "."))) {
                throw ApiException.validation(ErrorDetail.body("confirm", typed, "Type the tenant's subdomain to confirm"));
            }
            return tenants.delete(tenantId, cascade);
        }).map(ok -> Response.ok().header("HX-Redirect", "/console/tenants").build());
    }

    @POST
    @Path("/verified-domain")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Recorded(value = "VERIFIED_DOMAIN_UPDATE", change = true, tenantArgument = true)
    public Uni<Response> verifiedDomain(@PathParam("tenantId") UUID tenantId, @RestForm String verifiedDomain) {
        user.caller().requireManagement();
        VerifiedDomainRequest request = forms.valid(new VerifiedDomainRequest(ConsoleForms.given(verifiedDomain)));
        return tenancies.setVerifiedDomain(tenantId, request).map(info -> reload());
    }

    @GET
    @Path("/domain")
    @PermissionsAllowed(Permissions.TENANTS_READ)
    public Uni<String> domain(@PathParam("tenantId") UUID tenantId) {
        user.caller().requireAccessTo(tenantId);
        return tenancies.self(tenantId).flatMap(self -> Pages.domain(user.chrome("tenants"), tenantId, self).createUni());
    }

    @GET
    @Path("/clients")
    @PermissionsAllowed(Permissions.CLIENTS_READ)
    public Uni<String> clients(@PathParam("tenantId") UUID tenantId) {
        return accessible(tenantId).flatMap(ok -> clients.render(user.chrome("tenants"), tenantId, null));
    }

    @POST
    @Path("/clients")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Permissions.CLIENTS_CREATE)
    @Recorded(value = "TENANT_CLIENT_CREATE", change = true, tenantArgument = true)
    public Uni<String> createClient(@PathParam("tenantId") UUID tenantId, @RestForm String name, @RestForm List<String> roles) {
        return accessible(tenantId).flatMap(ok -> clients.create(user.chrome("tenants"), tenantId, name, roles));
    }

    @POST
    @Path("/clients/{clientId}/secret")
    @PermissionsAllowed(Permissions.CLIENTS_UPDATE)
    @Recorded(value = "TENANT_CLIENT_SECRET_ROTATE", change = true, tenantArgument = true)
    public Uni<String> rotateClient(@PathParam("tenantId") UUID tenantId, @PathParam("clientId") String clientId) {
        return accessible(tenantId).flatMap(ok -> clients.rotate(user.chrome("tenants"), tenantId, clientId));
    }

    @POST
    @Path("/clients/{clientId}/delete")
    @PermissionsAllowed(Permissions.CLIENTS_DELETE)
    @Recorded(value = "TENANT_CLIENT_DELETE", change = true, tenantArgument = true)
    public Uni<String> deleteClient(@PathParam("tenantId") UUID tenantId, @PathParam("clientId") String clientId) {
        return accessible(tenantId).flatMap(ok -> clients.delete(user.chrome("tenants"), tenantId, clientId));
    }

    @GET
    @Path("/events")
    @PermissionsAllowed(Permissions.EVENTS_READ)
    public Uni<String> events(@PathParam("tenantId") UUID tenantId) {
        return accessible(tenantId).flatMap(ok -> events.list(EventService.filter(null, tenantId.toString(), null, null, null),
                PageRequest.of(SECTION_SIZE, null))).flatMap(page -> Pages.eventRows(page.data()).createUni());
    }

    @GET
    @Path("/subtenants")
    @PermissionsAllowed(Permissions.TENANTS_READ)
    public Uni<String> subTenants(@PathParam("tenantId") UUID tenantId) {
        return accessible(tenantId).flatMap(ok -> subTenants.list(tenantId, PageRequest.of(SECTION_SIZE, null)))
                .flatMap(page -> Pages.subTenants(page.data()).createUni());
    }

    private Uni<Void> accessible(UUID tenantId) {
        return tenants.requireAccessible(user.caller(), tenantId);
    }

    /** htmx reloads the page, which then shows the change. */
    private static Response reload() {
        return Response.ok().header("HX-Refresh", "true").build();
    }

    private String profileText(Object profile) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored profile is JSON", e);
        }
    }

    /** The profile as typed: a JSON object, merged into the stored one as the API's merge patch does. */
    private JsonNode profileJson(String text) {
        String given = ConsoleForms.given(text);
        if (given == null) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(given);
        } catch (JsonProcessingException e) {
            throw ApiException.validation(ErrorDetail.body("profile", null, "Must be a JSON object"));
        }
    }
}
