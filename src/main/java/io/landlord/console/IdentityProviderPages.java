package io.landlord.console;

import io.landlord.common.error.ApiException;
import io.landlord.common.security.Permissions;
import io.landlord.event.Recorded;
import io.landlord.identityprovider.IdentityProviderRequest;
import io.landlord.identityprovider.IdentityProviderResponse;
import io.landlord.identityprovider.IdentityProviderService;
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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/** A tenant's OIDC identity provider. Its client secret is write-only: the page says whether one is kept, never what. */
@Path("/console/tenants/{tenantId}/identity-provider")
@ConsoleEndpoint
@Produces(MediaType.TEXT_HTML)
public class IdentityProviderPages {

    private final IdentityProviderService idps;
    private final TenantService tenants;
    private final ConsoleForms forms;
    private final ConsoleUser user;

    public IdentityProviderPages(IdentityProviderService idps, TenantService tenants, ConsoleForms forms, ConsoleUser user) {
        this.idps = idps;
        this.tenants = tenants;
        this.forms = forms;
        this.user = user;
    }

    @GET
    @PermissionsAllowed(Permissions.IDENTITY_PROVIDERS_READ)
    public Uni<String> section(@PathParam("tenantId") UUID tenantId) {
        return tenants.requireAccessible(user.caller(), tenantId).flatMap(ok -> idps.get(tenantId))
                // 404 is "none configured yet" once the tenant is known to exist
                .onFailure(e -> e instanceof ApiException api && api.status() == 404).recoverWithNull()
                .flatMap(idp -> render(tenantId, idp));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Permissions.IDENTITY_PROVIDERS_WRITE)
    @Recorded(value = "IDENTITY_PROVIDER_UPDATE", change = true, tenantArgument = true)
    public Uni<String> replace(@PathParam("tenantId") UUID tenantId, @RestForm String issuer, @RestForm String clientId,
            @RestForm String clientSecret, @RestForm String scopes, @RestForm boolean enabled) {
        List<String> scopeList = ConsoleForms.given(scopes) == null ? null : Arrays.asList(scopes.strip().split("\\s+"));
        IdentityProviderRequest request = forms.valid(new IdentityProviderRequest(ConsoleForms.given(issuer),
                ConsoleForms.given(clientId), ConsoleForms.given(clientSecret), scopeList, enabled, null, null));
        return tenants.requireAccessible(user.caller(), tenantId).flatMap(ok -> idps.replace(tenantId, request))
                .flatMap(idp -> render(tenantId, idp));
    }

    private Uni<String> render(UUID tenantId, IdentityProviderResponse idp) {
        return Pages.identityProvider(user.chrome("tenants"), tenantId, idp).createUni();
    }
}
