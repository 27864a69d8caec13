package io.landlord.console;

import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Permissions;
import io.landlord.common.time.Clock;
import io.landlord.event.EventResponse;
import io.landlord.event.EventService;
import io.landlord.operation.OperationResponse;
import io.landlord.operation.OperationService;
import io.landlord.tenant.TenantService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** The console's home: the platform at a glance for a management client; a tenant's client goes to its tenancy. */
@Path("/console")
@ConsoleEndpoint
@Produces(MediaType.TEXT_HTML)
public class OverviewResource {

    private static final int RECENT = 10;

    private final TenantService tenants;
    private final OperationService operations;
    private final EventService events;
    private final ConsoleUser user;

    public OverviewResource(TenantService tenants, OperationService operations, EventService events, ConsoleUser user) {
        this.tenants = tenants;
        this.operations = operations;
        this.events = events;
        this.user = user;
    }

    /** What the overview shows; a figure the user may not read is null and not shown. */
    public record Overview(Long tenants, Long locked, Long pending, Long failed, List<OperationResponse> failures,
            List<EventResponse> events) {
    }

    @GET
    @Authenticated
    public Uni<Response> overview() {
        Caller caller = user.caller();
        if (!caller.isManagement()) {
            return Uni.createFrom().item(Response.seeOther(URI.create("/console/tenancy")).build());
        }
        Chrome chrome = user.chrome("overview");
        Instant dayAgo = Clock.now().minus(Duration.ofDays(1));
        boolean tenantsVisible = chrome.can(Permissions.TENANTS_READ);
        boolean operationsVisible = chrome.can(Permissions.OPERATIONS_READ);
        boolean eventsVisible = chrome.can(Permissions.EVENTS_READ);
        // one after the other: the reads share the request's database session, which takes one statement at a time
        return when(tenantsVisible, () -> tenants.count(false)).flatMap(total -> when(tenantsVisible, () -> tenants.count(true))
                .flatMap(locked -> when(operationsVisible, () -> operations.countSince("PENDING", dayAgo, caller))
                .flatMap(pending -> when(operationsVisible, () -> operations.countSince("FAILED", dayAgo, caller))
                .flatMap(failed -> when(operationsVisible, () -> operations.latest("FAILED", caller, RECENT))
                .flatMap(failures -> when(eventsVisible, this::recentEvents)
                .map(recent -> new Overview(total, locked, pending, failed, failures, recent)))))))
                .flatMap(overview -> Pages.overview(chrome, overview).createUni())
                .map(page -> Response.ok(page).build());
    }

    private Uni<List<EventResponse>> recentEvents() {
        return events.list(EventService.filter(null, null, null, null, null), PageRequest.of(String.valueOf(RECENT), null))
                .map(page -> page.data());
    }

    private static <T> Uni<T> when(boolean allowed, Supplier<Uni<T>> read) {
        return allowed ? read.get() : Uni.createFrom().nullItem();
    }
}
