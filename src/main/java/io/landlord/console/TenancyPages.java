package io.landlord.console;

import io.landlord.common.security.Permissions;
import io.landlord.event.Recorded;
import io.landlord.tenancy.TenancyService;
import io.landlord.tenancy.UpdateTenancyRequest;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/**
 * A tenant admin's console: the tenancy's own view (DataTrails' {@code /v1/tenancies/self}) and its settings; its
 * clients, applications, entitlements and identity provider are the tenant page's sections, reached inside its own
 * tenant only.
 */
@Path("/console/tenancy")
@ConsoleEndpoint
@Produces(MediaType.TEXT_HTML)
public class TenancyPages {

    private final TenancyService tenancies;
    private final ConsoleUser user;

    public TenancyPages(TenancyService tenancies, ConsoleUser user) {
        this.tenancies = tenancies;
        this.user = user;
    }

    @GET
    @PermissionsAllowed(Permissions.TENANTS_READ)
    public Uni<String> tenancy() {
        UUID own = user.caller().requireTenant();
        return tenancies.self(own).flatMap(self -> Pages.tenancy(user.chrome("tenancy"), own, self).createUni());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Permissions.TENANTS_UPDATE)
    @Recorded(value = "TENANCY_UPDATE", change = true)
    public Uni<Response> update(@RestForm String displayName, @RestForm boolean enterpriseSsoEnabled) {
        UUID own = user.caller().requireTenant();
        return tenancies.update(own, new UpdateTenancyRequest(ConsoleForms.given(displayName), enterpriseSsoEnabled, null,
                null, null)).map(updated -> Response.ok().header("HX-Refresh", "true").build());
    }
}
