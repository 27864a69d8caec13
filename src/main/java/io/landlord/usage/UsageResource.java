package io.landlord.usage;

import io.landlord.event.Recorded;
import io.landlord.common.pagination.Page;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Permissions;
import io.landlord.common.web.Uncancellable;
import io.landlord.tenant.TenantService;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage")
public class UsageResource {

    /** The stored report, and whether this call counted it (false for a repeat). */
    @RegisterForReflection
    public record UsageReportResponse(String id, String type, long quantity, java.time.Instant at, boolean counted) {
    }

    private final UsageService usage;
    private final TenantService tenants;
    private final SecurityIdentity identity;

    public UsageResource(UsageService usage, TenantService tenants, SecurityIdentity identity) {
        this.usage = usage;
        this.tenants = tenants;
        this.identity = identity;
    }

    @POST
    @Path("/tenants/{tenantId}/usage")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.USAGE_WRITE)
    @Recorded(value = "USAGE_REPORT", change = true, tenantArgument = true)
    @Operation(operationId = "reportUsage", summary = "Report a tenant's usage",
            description = "Permission: usage:write (management clients). Idempotent by the caller's id: 201 when counted,"
                    + " 200 for a repeat. TRANSACTIONS are counted by Landlord itself (tokens issued).")
    public Uni<Response> report(@PathParam("tenantId") UUID tenantId, @Valid @NotNull UsageReportRequest request) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(tenants.requireExists(tenantId).flatMap(ok -> usage.report(tenantId, request)))
                .map(counted -> Response.status(counted ? 201 : 200).entity(new UsageReportResponse(request.id(), request.type(),
                        request.quantity(), request.at(), counted)).build());
    }

    @POST
    @Path("/usage:search")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.USAGE_READ)
    @Recorded("USAGE_SEARCH")
    @Operation(operationId = "searchUsage", summary = "Search hourly usage",
            description = "Permission: usage:read. searchByAttributes: startTime (required) and endTime with GREATER_THAN(_OR_EQUAL)"
                    + " / LESS_THAN(_OR_EQUAL); tenantId, isTrial, usageType with EQUALS. Ordered by startTime; keyset pages."
                    + " A tenant client sees only its own tenant's usage.")
    public Uni<Page<UsageRecord>> search(@Valid @NotNull UsageSearchRequest request) {
        Caller caller = Caller.of(identity);
        return usage.search(request, caller.isManagement() ? null : caller.tenantId());
    }
}
