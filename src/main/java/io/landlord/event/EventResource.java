package io.landlord.event;

import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Permissions;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventResource {

    private final EventService events;
    private final EventStream stream;
    private final SecurityIdentity identity;

    public EventResource(EventService events, EventStream stream, SecurityIdentity identity) {
        this.events = events;
        this.stream = stream;
        this.identity = identity;
    }

    @GET
    @Path("/events")
    @PermissionsAllowed(Permissions.EVENTS_READ)
    @Recorded("EVENT_RETRIEVE_LIST")
    @Operation(operationId = "listEvents", summary = "List events, newest first",
            description = "Permission: events:read (management clients). Filters: type (exact), tenantId, actor (client"
                    + " id), since (inclusive) and until (exclusive) as ISO-8601 times. Keyset pages via limit and cursor.")
    public Uni<Page<EventResponse>> list(@QueryParam("type") String type, @QueryParam("tenantId") String tenantId,
            @QueryParam("actor") String actor, @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Caller.of(identity).requireManagement();
        return events.list(EventService.filter(type, tenantId, actor, since, until), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/events/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @PermissionsAllowed(Permissions.EVENTS_READ)
    @Operation(operationId = "streamEvents", summary = "Stream events live (Server-Sent Events)",
            description = "Permission: events:read (management clients). Same filters as /v1/events except since/until."
                    + " Each SSE event has the event's type as its name, the event as JSON data, and an id; reconnect with"
                    + " Last-Event-ID to continue right after it, with no gap and no duplicate. Without it the stream starts"
                    + " when the response arrives: every event committed after that is in it. Comment lines are sent as"
                    + " heartbeats. Events from every instance of the service arrive.")
    public Uni<Void> stream(@QueryParam("type") String type, @QueryParam("tenantId") String tenantId,
            @QueryParam("actor") String actor, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink, @Context Sse sse) {
        Caller.of(identity).requireManagement();
        // An event sink, not a returned Multi: Quarkus REST sends a Multi's response headers before subscribing to it,
        // so a client could see the stream open, change something, and miss it. With a sink the headers leave once
        // this Uni completes, after the feed's start is fixed.
        return stream.open(EventService.filter(type, tenantId, actor, null, null), lastEventId, true, sink, sse);
    }
}
