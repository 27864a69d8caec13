package io.landlord.environment;

import io.landlord.event.Recorded;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Permissions;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/environments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Environments")
public class EnvironmentResource {

    private final EnvironmentService environments;

    public EnvironmentResource(EnvironmentService environments) {
        this.environments = environments;
    }

    @GET
    @PermissionsAllowed(Permissions.ENVIRONMENTS_READ)
    @Recorded("ENVIRONMENT_RETRIEVE_LIST")
    @Operation(operationId = "listEnvironments", summary = "List environments",
            description = "Permission: environments:read. Cursor-paginated.")
    public Uni<Page<EnvironmentResponse>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return environments.list(PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed(Permissions.ENVIRONMENTS_READ)
    @Recorded("ENVIRONMENT_RETRIEVE")
    @Operation(operationId = "getEnvironment", summary = "Retrieve an environment", description = "Permission: environments:read.")
    public Uni<EnvironmentResponse> get(@PathParam("id") UUID id) {
        return environments.get(id);
    }
}
