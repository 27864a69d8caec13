package io.landlord.console;

import io.landlord.common.error.ApiException;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Permissions;
import io.landlord.environment.EnvironmentService;
import io.landlord.operation.OperationResponse;
import io.landlord.operation.OperationService;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

/** The platform's read-only lists: environments, and the asynchronous operations by status. */
@Path("/console")
@ConsoleEndpoint
@Produces(MediaType.TEXT_HTML)
public class PlatformPages {

    private static final String PAGE_SIZE = "50";
    static final List<String> STATUSES = List.of("PENDING", "RUNNING", "SUCCEEDED", "FAILED");

    private final EnvironmentService environments;
    private final OperationService operations;
    private final ConsoleUser user;

    public PlatformPages(EnvironmentService environments, OperationService operations, ConsoleUser user) {
        this.environments = environments;
        this.operations = operations;
        this.user = user;
    }

    @GET
    @Path("/environments")
    @PermissionsAllowed(Permissions.ENVIRONMENTS_READ)
    public Uni<String> environments() {
        return environments.list(PageRequest.of(String.valueOf(PageRequest.MAX_LIMIT), null))
                .flatMap(page -> Pages.environments(user.chrome("environments"), page.data()).createUni());
    }

    @GET
    @Path("/operations")
    @PermissionsAllowed(Permissions.OPERATIONS_READ)
    public Uni<String> operations(@RestQuery String status, @RestQuery String cursor) {
        Caller caller = user.caller();
        caller.requireManagement();
        String chosen = ConsoleForms.given(status);
        return operations.list(chosen, caller, PageRequest.of(PAGE_SIZE, ConsoleForms.given(cursor)))
                .map(page -> new Listing(page, null))
                .onFailure(ApiException.class).recoverWithItem(refused -> new Listing(new Page<>(List.of(), null),
                        refused.getMessage()))
                .flatMap(listing -> Pages.operations(user.chrome("operations"), chosen, STATUSES, listing.page(),
                        listing.error()).createUni());
    }

    private record Listing(Page<OperationResponse> page, String error) {
    }
}
