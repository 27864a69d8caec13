package io.landlord.console;

import io.landlord.common.security.Permissions;
import io.landlord.event.Recorded;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/** The management clients (platform roles). */
@Path("/console/clients")
@ConsoleEndpoint
@Produces(MediaType.TEXT_HTML)
public class ManagementClientPages {

    private final ClientSection section;
    private final ConsoleUser user;

    public ManagementClientPages(ClientSection section, ConsoleUser user) {
        this.section = section;
        this.user = user;
    }

    @GET
    @PermissionsAllowed(Permissions.CLIENTS_READ)
    public Uni<String> page() {
        user.caller().requireManagement();
        return Pages.managementClients(user.chrome("clients")).createUni();
    }

    @GET
    @Path("/section")
    @PermissionsAllowed(Permissions.CLIENTS_READ)
    public Uni<String> list() {
        user.caller().requireManagement();
        return section.render(user.chrome("clients"), null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Permissions.CLIENTS_CREATE)
    @Recorded(value = "MANAGEMENT_CLIENT_CREATE", change = true)
    public Uni<String> create(@RestForm String name, @RestForm List<String> roles) {
        user.caller().requireManagement();
        return section.create(user.chrome("clients"), null, name, roles);
    }

    @POST
    @Path("/{clientId}/secret")
    @PermissionsAllowed(Permissions.CLIENTS_UPDATE)
    @Recorded(value = "MANAGEMENT_CLIENT_SECRET_ROTATE", change = true)
    public Uni<String> rotate(@PathParam("clientId") String clientId) {
        user.caller().requireManagement();
        return section.rotate(user.chrome("clients"), null, clientId);
    }

    @POST
    @Path("/{clientId}/delete")
    @PermissionsAllowed(Permissions.CLIENTS_DELETE)
    @Recorded(value = "MANAGEMENT_CLIENT_DELETE", change = true)
    public Uni<String> delete(@PathParam("clientId") String clientId) {
        user.caller().requireManagement();
        return section.delete(user.chrome("clients"), null, clientId);
    }
}
