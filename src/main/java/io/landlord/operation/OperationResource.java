package io.landlord.operation;

import io.landlord.event.Recorded;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Permissions;
import io.landlord.common.web.Uncancellable;
import io.landlord.tenant.CreateTenantRequest;
import io.landlord.tenant.TenantResponse;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.eventbus.EventBus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Asynchronous operations on tenants (create IBM style, export, import, clone), their results and the operations list. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class OperationResource {

    static final int MAX_IDEMPOTENCY_KEY = 255;

    private final OperationService operations;
    private final EventBus eventBus;
    private final SecurityIdentity identity;

    public OperationResource(OperationService operations, EventBus eventBus, SecurityIdentity identity) {
        this.operations = operations;
        this.eventBus = eventBus;
        this.identity = identity;
    }

    @POST
    @Path("/async/tenants")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TENANTS_CREATE)
    @Recorded(value = "TENANT_CREATE_ASYNC", change = true)
    @Operation(operationId = "createTenantAsync", summary = "Create a tenant asynchronously",
            description = "Permission: tenants:create (management clients). Same body as POST /v1/tenants. The operation"
                    + " is stored before the 202; poll createstatus, then collect createresult once. An Idempotency-Key"
                    + " header (at most 255 characters, kept 24 h) makes retries return the same operation.")
    @APIResponse(responseCode = "202", description = "Operation accepted")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different body")
    public Uni<Response> submit(@Valid @NotNull CreateTenantRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Caller caller = Caller.of(identity);
        caller.requireManagement();
        requireValidKey(idempotencyKey);
        return accepted(operations.submit(request, caller, idempotencyKey), id -> "/v1/async/tenants/" + id + "/createstatus");
    }

    @POST
    @Path("/tenants/{id: [^/:]+}:export")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TENANTS_READ)
    @Recorded(value = "TENANT_EXPORT_ASYNC", change = true, tenantArgument = true)
    @Operation(operationId = "exportTenant", summary = "Export a tenant as a bundle, asynchronously",
            description = "Permission: tenants:read; a tenant client exports its own tenant only. Body {} or"
                    + " {\"includeSecretHashes\": true} (platform-admin only). 202 with Location /v1/operations/{operationId};"
                    + " GET /v1/operations/{operationId}/result then gives the bundle (\"format\": \"landlord.tenant/v1\":"
                    + " settings, clients, entitlements, identity provider without its secret, verified domain, applications"
                    + " and API key metadata, sub-tenants), until landlord.operations.result-ttl. No secret in clear. An"
                    + " Idempotency-Key header works as on POST /v1/async/tenants.")
    @APIResponse(responseCode = "202", description = "Operation accepted")
    @APIResponse(responseCode = "403", description = "includeSecretHashes without being a platform-admin")
    @APIResponse(responseCode = "404", description = "No such tenant (or not the caller's)")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different body")
    public Uni<Response> export(@PathParam("id") UUID id, @NotNull ExportTenantRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return acceptedOperation(idempotencyKey, key -> operations.submitExport(id, request, Caller.of(identity), key));
    }

    @POST
    @Path("/tenants:import")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TENANTS_CREATE)
    @Recorded(value = "TENANT_IMPORT_ASYNC", change = true)
    @Operation(operationId = "importTenant", summary = "Import a bundle as a new tenant, asynchronously",
            description = "Permission: tenants:create (management clients); a bundle with secret hashes from a platform-admin"
                    + " only. Body {\"bundle\": <an export's result>, \"environmentId\", \"subdomain\"?, \"name\"?}: subdomain and"
                    + " name replace the bundled tenant's. The bundle is checked before the 202: a 400 names every problem in"
                    + " details (unknown format, missing or invalid fields, a client id that already exists, roles, hashes) and"
                    + " nothing is written. 202 with Location /v1/operations/{operationId}; its result is the new tenant with its"
                    + " clients (same client ids), API keys and sub-tenants: new secrets and keys, shown once (then 410), unless"
                    + " the bundle carried their hashes. An Idempotency-Key header works as on POST /v1/async/tenants.")
    @APIResponse(responseCode = "202", description = "Operation accepted")
    @APIResponse(responseCode = "400", description = "The bundle cannot be imported; details name each problem")
    @APIResponse(responseCode = "403", description = "A bundle with secret hashes from a caller that is not a platform-admin")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different body")
    public Uni<Response> importTenant(@Valid @NotNull ImportTenantRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Caller caller = Caller.of(identity);
        caller.requireManagement();
        return acceptedOperation(idempotencyKey, key -> operations.submitImport(request, caller, key));
    }

    @POST
    @Path("/tenants/{id: [^/:]+}:clone")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.TENANTS_CREATE)
    @Recorded(value = "TENANT_CLONE_ASYNC", change = true, tenantArgument = true)
    @Operation(operationId = "cloneTenant", summary = "Copy a tenant's configuration into a new tenant, asynchronously",
            description = "Permission: tenants:create (management clients). Body {\"environmentId\", \"subdomain\","
                    + " \"name\"?}. The new tenant has the tenant's settings, clients (with new client ids and new secrets),"
                    + " entitlements, identity provider (without its secret), verified domain and applications (with new API"
                    + " keys); not its sub-tenants, usage or events. 202 with Location /v1/operations/{operationId}; the result,"
                    + " shaped as an import's, is handed out once (then 410). An Idempotency-Key header works as on"
                    + " POST /v1/async/tenants.")
    @APIResponse(responseCode = "202", description = "Operation accepted")
    @APIResponse(responseCode = "404", description = "No such tenant")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different body")
    public Uni<Response> cloneTenant(@PathParam("id") UUID id, @Valid @NotNull CloneTenantRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Caller caller = Caller.of(identity);
        caller.requireManagement();
        return acceptedOperation(idempotencyKey, key -> operations.submitClone(id, request, caller, key));
    }

    @GET
    @Path("/operations/{id}")
    @PermissionsAllowed({ Permissions.OPERATIONS_READ, Permissions.TENANTS_READ, Permissions.TENANTS_CREATE })
    @Recorded("OPERATION_RETRIEVE")
    @Operation(operationId = "getOperation", summary = "Status of any operation",
            description = "Permission: operations:read, tenants:read or tenants:create. Visible to the submitting client"
                    + " and platform-admins only (404 to anyone else).")
    @APIResponse(responseCode = "404", description = "No such operation, or not the caller's")
    public Uni<OperationResponse> operation(@PathParam("id") UUID id) {
        return operations.status(id, Caller.of(identity));
    }

    @GET
    @Path("/operations/{id}/result")
    @PermissionsAllowed({ Permissions.OPERATIONS_READ, Permissions.TENANTS_READ, Permissions.TENANTS_CREATE })
    @Recorded(value = "OPERATION_RESULT_RETRIEVE", change = true)
    @Operation(operationId = "getOperationResult", summary = "Result of any operation",
            description = "Permission: operations:read, tenants:read or tenants:create. An export's bundle, until it"
                    + " expires; a creation's result (with the admin client's secret) exactly once, as createresult; an"
                    + " import's or a clone's (the new tenant with its clients) exactly once when it holds new secrets or"
                    + " keys, else until it expires.")
    @APIResponse(responseCode = "404", description = "No such operation, or not the caller's")
    @APIResponse(responseCode = "409", description = "Not finished yet (the status is in details)")
    @APIResponse(responseCode = "410", description = "Already retrieved or expired")
    public Uni<Object> operationResult(@PathParam("id") UUID id) {
        return Uncancellable.of(operations.result(id, Caller.of(identity)));
    }

    private static void requireValidKey(String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw ApiException.validation(ErrorDetail.header("Idempotency-Key", idempotencyKey,
                    "Must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters"));
        }
    }

    /** A tenant operation's 202, polled at /v1/operations/{id}; the Idempotency-Key is checked before it is submitted. */
    private Uni<Response> acceptedOperation(String idempotencyKey, Function<String, Uni<OperationResponse>> submit) {
        requireValidKey(idempotencyKey);
        return accepted(submit.apply(idempotencyKey), op -> "/v1/operations/" + op);
    }

    /** 202 with the operation's status and where to poll it; a new operation goes to the worker at once. */
    private Uni<Response> accepted(Uni<OperationResponse> submitted, Function<UUID, String> location) {
        return Uncancellable.of(submitted).map(op -> {
            if (op.status().equals("PENDING")) {
                eventBus.send(OperationWorker.SUBMITTED, op.id().toString());
            }
            return Response.accepted(op).location(URI.create(location.apply(op.id()))).build();
        });
    }

    @GET
    @Path("/async/tenants/{id}/createstatus")
    @PermissionsAllowed(Permissions.TENANTS_CREATE)
    @Recorded("OPERATION_RETRIEVE")
    @Operation(operationId = "getTenantCreateStatus", summary = "Status of an asynchronous tenant creation",
            description = "Permission: tenants:create. Visible to the submitting client and platform-admins only.")
    public Uni<OperationResponse> status(@PathParam("id") UUID id) {
        return operations.status(id, Caller.of(identity));
    }

    @GET
    @Path("/async/tenants/{id}/createresult")
    @PermissionsAllowed(Permissions.TENANTS_CREATE)
    @Recorded(value = "OPERATION_RESULT_RETRIEVE", change = true)
    @Operation(operationId = "getTenantCreateResult", summary = "Collect the result of an asynchronous tenant creation, once",
            description = "Permission: tenants:create. 200 with the synchronous create's body (and the admin client's"
                    + " secret) exactly once; 410 afterwards or once expired; 409 before completion; the failure when FAILED.")
    @APIResponse(responseCode = "409", description = "Not finished yet (the status is in details)")
    @APIResponse(responseCode = "410", description = "Already retrieved or expired")
    public Uni<TenantResponse> result(@PathParam("id") UUID id) {
        return Uncancellable.of(operations.takeResult(id, Caller.of(identity)));
    }

    @GET
    @Path("/operations")
    @PermissionsAllowed(Permissions.OPERATIONS_READ)
    @Recorded("OPERATION_RETRIEVE_LIST")
    @Operation(operationId = "listOperations", summary = "List operations",
            description = "Permission: operations:read (management clients). A platform-admin sees every operation,"
                    + " others their own. Filter with ?status=.")
    public Uni<Page<OperationResponse>> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Caller caller = Caller.of(identity);
        caller.requireManagement();
        return operations.list(status, caller, PageRequest.of(limit, cursor));
    }
}
