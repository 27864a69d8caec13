package io.landlord.console;

import io.landlord.application.ApiKeyResponse;
import io.landlord.application.ApiKeyService;
import io.landlord.application.ApplicationResponse;
import io.landlord.application.ApplicationService;
import io.landlord.application.CreateApiKeyRequest;
import io.landlord.application.CreateApplicationRequest;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Permissions;
import io.landlord.event.Recorded;
import io.landlord.tenant.TenantService;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/** A tenant's applications and their API keys (SOAJS); a new key is shown once. */
@Path("/console/tenants/{tenantId}/applications")
@ConsoleEndpoint
@Produces(MediaType.TEXT_HTML)
public class ApplicationPages {

    private static final String SHOWN = "50";
    static final List<Integer> TTL_HOURS = List.of(6, 12, 24, 48, 72, 96, 120, 144, 168);

    private final ApplicationService applications;
    private final ApiKeyService keys;
    private final TenantService tenants;
    private final ConsoleForms forms;
    private final ConsoleUser user;

    public ApplicationPages(ApplicationService applications, ApiKeyService keys, TenantService tenants, ConsoleForms forms,
            ConsoleUser user) {
        this.applications = applications;
        this.keys = keys;
        this.tenants = tenants;
        this.forms = forms;
        this.user = user;
    }

    /** An application with its keys. */
    public record Listed(ApplicationResponse application, List<ApiKeyResponse> keys) {
    }

    @GET
    @PermissionsAllowed(Permissions.TENANTS_READ)
    public Uni<String> section(@PathParam("tenantId") UUID tenantId) {
        return accessible(tenantId).flatMap(ok -> render(tenantId, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Recorded(value = "APPLICATION_CREATE", change = true, tenantArgument = true)
    public Uni<String> create(@PathParam("tenantId") UUID tenantId, @RestForm String productCode, @RestForm String packageCode,
            @RestForm String description, @RestForm String ttlHours) {
        Long ttl = ConsoleForms.number("ttlHours", ttlHours);
        CreateApplicationRequest request = forms.valid(new CreateApplicationRequest(ConsoleForms.given(productCode),
                ConsoleForms.given(packageCode), ConsoleForms.given(description), ttl == null ? null : ttl.intValue()));
        return accessible(tenantId).flatMap(ok -> applications.create(tenantId, request)).flatMap(app -> render(tenantId, null));
    }

    @POST
    @Path("/{applicationId}/delete")
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Recorded(value = "APPLICATION_DELETE", change = true, tenantArgument = true)
    public Uni<String> delete(@PathParam("tenantId") UUID tenantId, @PathParam("applicationId") UUID applicationId) {
        return accessible(tenantId).flatMap(ok -> applications.delete(tenantId, applicationId)).flatMap(ok -> render(tenantId, null));
    }

    @POST
    @Path("/{applicationId}/keys")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Recorded(value = "API_KEY_CREATE", change = true, tenantArgument = true)
    public Uni<String> createKey(@PathParam("tenantId") UUID tenantId, @PathParam("applicationId") UUID applicationId,
            @RestForm String label, @RestForm String env) {
        CreateApiKeyRequest request = forms.valid(new CreateApiKeyRequest(ConsoleForms.given(label), ConsoleForms.given(env),
                null, null, null, null));
        return accessible(tenantId).flatMap(ok -> keys.create(tenantId, applicationId, request))
                .flatMap(created -> render(tenantId, created));
    }

    @POST
    @Path("/{applicationId}/keys/{keyId}/revoke")
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Recorded(value = "API_KEY_REVOKE", change = true, tenantArgument = true)
    public Uni<String> revokeKey(@PathParam("tenantId") UUID tenantId, @PathParam("applicationId") UUID applicationId,
            @PathParam("keyId") UUID keyId) {
        return accessible(tenantId).flatMap(ok -> keys.revoke(tenantId, applicationId, keyId)).flatMap(ok -> render(tenantId, null));
    }

    private Uni<Void> accessible(UUID tenantId) {
        return tenants.requireAccessible(user.caller(), tenantId);
    }

    private Uni<String> render(UUID tenantId, ApiKeyResponse created) {
        Chrome chrome = user.chrome(user.caller().isManagement() ? "tenants" : "tenancy");
        return applications.list(tenantId, PageRequest.of(SHOWN, null))
                .flatMap(page -> Multi.createFrom().iterable(page.data())
                        .onItem().transformToUniAndConcatenate(app -> keys.list(tenantId, app.id(), PageRequest.of(SHOWN, null))
                                .map(listed -> new Listed(app, listed.data())))
                        .collect().asList())
                .flatMap(listed -> Pages.applications(chrome, tenantId, listed, TTL_HOURS, created).createUni());
    }
}
