package io.landlord.client;

import io.landlord.event.Recorded;
import io.landlord.common.pagination.Page;
import io.landlord.common.security.Roles;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The role catalogue; a short fixed list, shown in the list shape with no next page. */
@Path("/v1/roles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Roles")
public class RoleResource {

    private static final Page<Roles.Role> CATALOGUE = new Page<>(Roles.catalogue(), null);

    @GET
    @Authenticated
    @Recorded("ROLE_RETRIEVE_LIST")
    @Operation(operationId = "listRoles", summary = "List roles and their permissions",
            description = "Permission: none beyond a valid token. Platform roles are for management clients, tenant"
                    + " roles for a tenant's clients.")
    public Uni<Page<Roles.Role>> list() {
        return Uni.createFrom().item(CATALOGUE);
    }
}
