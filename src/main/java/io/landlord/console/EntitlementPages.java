package io.landlord.console;

import com.fasterxml.jackson.databind.node.TextNode;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Permissions;
import io.landlord.common.time.Clock;
import io.landlord.entitlement.EntitlementRequest;
import io.landlord.entitlement.EntitlementResponse;
import io.landlord.entitlement.EntitlementService;
import io.landlord.event.Recorded;
import io.landlord.tenant.TenantService;
import io.landlord.usage.UsageRecord;
import io.landlord.usage.UsageSearchRequest;
import io.landlord.usage.UsageSearchRequest.Condition;
import io.landlord.usage.UsageService;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/** A tenant's entitlements, each with its usage chart, and setting one. */
@Path("/console/tenants/{tenantId}/entitlements")
@ConsoleEndpoint
@Produces(MediaType.TEXT_HTML)
public class EntitlementPages {

    private final EntitlementService entitlements;
    private final UsageService usage;
    private final TenantService tenants;
    private final ConsoleForms forms;
    private final ConsoleUser user;

    public EntitlementPages(EntitlementService entitlements, UsageService usage, TenantService tenants, ConsoleForms forms,
            ConsoleUser user) {
        this.entitlements = entitlements;
        this.usage = usage;
        this.tenants = tenants;
        this.forms = forms;
        this.user = user;
    }

    @GET
    @PermissionsAllowed(Permissions.ENTITLEMENTS_READ)
    public Uni<String> section(@PathParam("tenantId") UUID tenantId) {
        return tenants.requireAccessible(user.caller(), tenantId).flatMap(ok -> render(tenantId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Permissions.ENTITLEMENTS_WRITE)
    @Recorded(value = "ENTITLEMENT_UPDATE", change = true, tenantArgument = true)
    public Uni<String> put(@PathParam("tenantId") UUID tenantId, @RestForm String type, @RestForm String quantity,
            @RestForm String contractMode, @RestForm boolean hardLimit) {
        EntitlementRequest request = forms.valid(new EntitlementRequest(ConsoleForms.given(type),
                ConsoleForms.number("quantity", quantity), ConsoleForms.given(contractMode), null, null, hardLimit));
        return tenants.requireAccessible(user.caller(), tenantId)
                .flatMap(ok -> entitlements.put(tenantId, request))
                .flatMap(saved -> render(tenantId));
    }

    private Uni<String> render(UUID tenantId) {
        Chrome chrome = user.chrome("tenants");
        Instant since = Clock.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(UsageChart.HOURS - 1));
        return entitlements.list(tenantId).flatMap(list -> usageSince(chrome, tenantId, since)
                .flatMap(records -> Pages.entitlements(chrome, tenantId, list.data(), charts(list.data(), records, since))
                        .createUni()));
    }

    /** The hours' records of every type at once (at most 24 × 4 rows); none without usage:read. */
    private Uni<List<UsageRecord>> usageSince(Chrome chrome, UUID tenantId, Instant since) {
        if (!chrome.can(Permissions.USAGE_READ)) {
            return Uni.createFrom().item(List.of());
        }
        UsageSearchRequest search = new UsageSearchRequest(List.of(
                new Condition("startTime", "GREATER_THAN_OR_EQUAL", TextNode.valueOf(since.toString())),
                new Condition("tenantId", "EQUALS", TextNode.valueOf(tenantId.toString()))), PageRequest.MAX_LIMIT, null);
        UUID scope = user.caller().isManagement() ? null : user.caller().tenantId();
        return usage.search(search, scope).map(page -> page.data());
    }

    private static List<UsageChart> charts(List<EntitlementResponse> list, List<UsageRecord> records, Instant since) {
        return list.stream().map(entitlement -> UsageChart.of(entitlement,
                records.stream().filter(r -> r.usageType().equals(entitlement.type())).toList(), since)).toList();
    }
}
