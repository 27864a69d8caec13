package io.landlord.console;

import io.landlord.common.error.ApiException;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Permissions;
import io.landlord.event.EventResponse;
import io.landlord.event.EventService;
import io.landlord.event.EventStream;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The audit trail: the events list with its filters and keyset pages, and a live tail fed by the same stream as
 * {@code /v1/events/stream}, here authenticated by the console session. A tenant's client sees its own tenant's.
 */
@Path("/console/events")
@ConsoleEndpoint
public class EventPages {

    private static final String PAGE_SIZE = "50";

    private final EventService events;
    private final EventStream stream;
    private final ConsoleUser user;

    public EventPages(EventService events, EventStream stream, ConsoleUser user) {
        this.events = events;
        this.stream = stream;
        this.user = user;
    }

    /** The filters as the user typed them. A tenant's client is always held to its own tenant. */
    public record Filters(String type, String tenantId, String actor, String since, String until) {

        public String query() {
            return param("type", type) + param("tenantId", tenantId) + param("actor", actor);
        }

        public String pageQuery(String cursor) {
            return query() + param("since", since) + param("until", until) + "cursor=" + ConsoleFormat.urlEncoded(cursor);
        }

        private static String param(String name, String value) {
            return value == null ? "" : name + "=" + ConsoleFormat.urlEncoded(value) + "&";
        }

    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(Permissions.EVENTS_READ)
    public Uni<String> list(@RestQuery String type, @RestQuery String tenantId, @RestQuery String actor,
            @RestQuery String since, @RestQuery String until, @RestQuery String cursor) {
        Filters filters = filters(type, tenantId, actor, since, until);
        return Uni.createFrom().item(() -> EventService.filter(filters.type(), filters.tenantId(), filters.actor(),
                        filters.since(), filters.until()))
                .flatMap(filter -> events.list(filter, PageRequest.of(PAGE_SIZE, ConsoleForms.given(cursor))))
                .map(page -> new Listing(page, null))
                .onFailure(ApiException.class).recoverWithItem(refused -> new Listing(new Page<>(List.of(), null),
                        refused.getMessage() + describe((ApiException) refused)))
                .flatMap(listing -> Pages.events(user.chrome("events"), filters,
                        listing.page(), listing.error(), cursor != null).createUni());
    }

    private record Listing(Page<EventResponse> page, String error) {
    }

    /** The live tail: Server-Sent Events, each a plain message whose data is the event as the API shows it. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @PermissionsAllowed(Permissions.EVENTS_READ)
    public Uni<Void> stream(@RestQuery String type, @RestQuery String tenantId, @RestQuery String actor,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink, @Context Sse sse) {
        Filters filters = filters(type, tenantId, actor, null, null);
        return stream.open(EventService.filter(filters.type(), filters.tenantId(), filters.actor(), null, null), lastEventId,
                false, sink, sse);
    }

    private Filters filters(String type, String tenantId, String actor, String since, String until) {
        String ownTenant = user.caller().isManagement() ? ConsoleForms.given(tenantId) : user.caller().tenantId().toString();
        return new Filters(ConsoleForms.given(type), ownTenant, ConsoleForms.given(actor), ConsoleForms.given(since),
                ConsoleForms.given(until));
    }

    private static String describe(ApiException refused) {
        return refused.details().stream().map(d -> " " + d.param() + ": " + d.msg() + ".").reduce("", String::concat);
    }
}
