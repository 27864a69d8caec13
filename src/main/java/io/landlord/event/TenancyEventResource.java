package io.landlord.event;

import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Permissions;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's own audit trail. (Its own class: /v1/tenancies is matched before /v1 when resources are chosen.) */
@Path("/v1/tenancies/self/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class TenancyEventResource {

    private final EventService events;
    private final SecurityIdentity identity;

    public TenancyEventResource(EventService events, SecurityIdentity identity) {
        this.events = events;
        this.identity = identity;
    }

    @GET
    @PermissionsAllowed(Permissions.EVENTS_READ)
    @Recorded("TENANCY_EVENT_RETRIEVE_LIST")
    @Operation(operationId = "listOwnEvents", summary = "List the caller's tenant's events, newest first",
            description = "Permission: events:read (tenant clients, e.g. the admin role). Same filters as /v1/events;"
                    + " only events of the caller's own tenant.")
    public Uni<Page<EventResponse>> listOwn(@QueryParam("type") String type, @QueryParam("actor") String actor,
            @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        String ownTenant = Caller.of(identity).requireTenant().toString();
        return events.list(EventService.filter(type, ownTenant, actor, since, until), PageRequest.of(limit, cursor));
    }
}
