package io.landlord.entitlement;

import io.landlord.event.Recorded;
import io.landlord.common.pagination.Page;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Permissions;
import io.landlord.common.web.Uncancellable;
import io.landlord.tenant.TenantService;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/entitlements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Entitlements")
public class EntitlementResource {

    private final EntitlementService entitlements;
    private final TenantService tenants;
    private final SecurityIdentity identity;

    public EntitlementResource(EntitlementService entitlements, TenantService tenants, SecurityIdentity identity) {
        this.entitlements = entitlements;
        this.tenants = tenants;
        this.identity = identity;
    }

    private Uni<Void> inTenant(UUID tenantId) {
        return tenants.requireAccessible(Caller.of(identity), tenantId);
    }

    @GET
    @PermissionsAllowed(Permissions.ENTITLEMENTS_READ)
    @Recorded(value = "ENTITLEMENT_RETRIEVE_LIST", tenantArgument = true)
    @Operation(operationId = "listEntitlements", summary = "List a tenant's entitlements",
            description = "Permission: entitlements:read. At most one per type, so a single page.")
    public Uni<Page<EntitlementResponse>> list(@PathParam("tenantId") UUID tenantId) {
        return inTenant(tenantId).flatMap(ok -> entitlements.list(tenantId));
    }

    @GET
    @Path("/{type}")
    @PermissionsAllowed(Permissions.ENTITLEMENTS_READ)
    @Recorded(value = "ENTITLEMENT_RETRIEVE", tenantArgument = true)
    @Operation(operationId = "getEntitlement", summary = "Retrieve a tenant's entitlement of one type",
            description = "Permission: entitlements:read.")
    public Uni<EntitlementResponse> get(@PathParam("tenantId") UUID tenantId, @PathParam("type") String type) {
        return inTenant(tenantId).flatMap(ok -> entitlements.get(tenantId, type));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.ENTITLEMENTS_WRITE)
    @Recorded(value = "ENTITLEMENT_UPDATE", change = true, tenantArgument = true)
    @Operation(operationId = "putEntitlement", summary = "Create or replace a tenant's entitlement",
            description = "Permission: entitlements:write (management clients). {type, quantity, contractMode, startsAt,"
                    + " endsAt, hardLimit}; one entitlement per type.")
    public Uni<EntitlementResponse> put(@PathParam("tenantId") UUID tenantId, @Valid @NotNull EntitlementRequest request) {
        Caller.of(identity).requireManagement();
        return Uncancellable.of(inTenant(tenantId).flatMap(ok -> entitlements.put(tenantId, request)));
    }
}
