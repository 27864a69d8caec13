package io.landlord.operation;

import io.landlord.event.EventRecorder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.landlord.client.ClientRepository;
import io.landlord.client.ClientResponse;
import io.landlord.common.config.LandlordConfig;
import io.landlord.common.crypto.SecretBox;
import io.landlord.common.crypto.Secrets;
import io.landlord.common.error.ApiError;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.error.ErrorMapper;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
import io.landlord.common.time.Clock;
import io.landlord.tenant.CreateTenantRequest;
import io.landlord.tenant.ImportedTenantResponse;
import io.landlord.tenant.TenantBundle;
import io.landlord.tenant.TenantImports;
import io.landlord.tenant.TenantBundles;
import io.landlord.tenant.TenantRepository;
import io.landlord.tenant.TenantResponse;
import io.landlord.tenant.TenantService;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Asynchronous operations on tenants (create, export, import, clone): submit (checked, then committed before the
 * 202), execute (the work and SUCCEEDED in one transaction, only while the claim is still this worker's), and the
 * result: handed out once when it holds secrets, else readable until it expires.
 */
@ApplicationScoped
public class OperationService {

    /** A transient (5xx) failure is retried this many times before the operation is FAILED. */
    static final int MAX_ATTEMPTS = 3;

    private final OperationRepository operations;
    private final TenantService tenantService;
    private final TenantRepository tenants;
    private final ClientRepository clients;
    private final SecretBox secretBox;
    private final ObjectMapper json;
    private final ObjectMapper canonicalJson;
    private final LandlordConfig config;
    private final Timer timeToSucceeded;
    private final MeterRegistry metrics;

    private final EventRecorder events;
    private final TenantBundles bundles;
    private final TenantImports imports;

    public OperationService(OperationRepository operations, TenantService tenantService, TenantRepository tenants,
            ClientRepository clients, SecretBox secretBox, ObjectMapper json, LandlordConfig config, MeterRegistry metrics, EventRecorder events,
            TenantBundles bundles, TenantImports imports) {
        this.events = events;
        this.bundles = bundles;
        this.imports = imports;
        this.operations = operations;
        this.tenantService = tenantService;
        this.tenants = tenants;
        this.clients = clients;
        this.secretBox = secretBox;
        this.json = json;
        this.canonicalJson = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.config = config;
        this.metrics = metrics;
        this.timeToSucceeded = Timer.builder("landlord.operations.time.to.succeeded")
                .description("From the 202 to SUCCEEDED").publishPercentileHistogram().register(metrics);
        // both outcomes from the start, so that a dashboard shows 0 failed rather than no data
        for (Operation.Status outcome : List.of(Operation.Status.SUCCEEDED, Operation.Status.FAILED)) {
            metrics.counter("landlord.operations.completed", "status", outcome.name());
        }
    }

    /** Commits a PENDING creation (or finds the one holding the Idempotency-Key) and returns its status. */
    public Uni<OperationResponse> submit(CreateTenantRequest request, Caller caller, String idempotencyKey) {
        return submit(Operation.Kind.TENANT_CREATE, request, caller, idempotencyKey,
                () -> tenantService.requireEnvironment(request.environmentId()));
    }

    /**
     * Commits a PENDING export of a tenant the caller may reach (404 otherwise); the secret hashes only for a
     * platform-admin (403 otherwise).
     */
    public Uni<OperationResponse> submitExport(UUID tenantId, ExportTenantRequest request, Caller caller, String idempotencyKey) {
        boolean withHashes = request != null && request.withHashes();
        if (withHashes && !caller.isPlatformAdmin()) {
            return Uni.createFrom().failure(new ForbiddenException());
        }
        return submit(Operation.Kind.TENANT_EXPORT, new ExportOperation(tenantId, withHashes), caller, idempotencyKey,
                () -> tenantService.requireAccessible(caller, tenantId));
    }

    /** Commits a PENDING import of a bundle that passed {@link TenantImports#check} (400 with every problem otherwise). */
    public Uni<OperationResponse> submitImport(ImportTenantRequest request, Caller caller, String idempotencyKey) {
        return submit(Operation.Kind.TENANT_IMPORT, request, caller, idempotencyKey,
                () -> imports.check(request.bundle(), request.environmentId(), caller));
    }

    /** Commits a PENDING clone of a tenant the caller may reach (404 otherwise) into an existing environment (400). */
    public Uni<OperationResponse> submitClone(UUID tenantId, CloneTenantRequest request, Caller caller, String idempotencyKey) {
        return submit(Operation.Kind.TENANT_CLONE, new CloneOperation(tenantId, request), caller, idempotencyKey,
                () -> tenantService.requireAccessible(caller, tenantId).flatMap(ok -> tenantService.requireEnvironment(request.environmentId())));
    }

    /**
     * A retry with the Idempotency-Key of an earlier submission of the same request answers that operation without
     * checking again (an import's check would now find its own clients); otherwise the request is checked, then
     * committed.
     */
    private Uni<OperationResponse> submit(Operation.Kind kind, Object request, Caller caller, String idempotencyKey,
            Supplier<Uni<Void>> check) {
        String requestJson;
        try {
            requestJson = canonicalJson.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        byte[] hash = Secrets.hash(requestJson);
        UUID id = UUID.randomUUID();
        Instant now = Clock.now();
        Uni<UUID> earlier = idempotencyKey == null ? Uni.createFrom().nullItem()
                : operations.heldBy(caller.clientId(), idempotencyKey, hash);
        return earlier.flatMap(held -> held != null ? Uni.createFrom().voidItem() : check.get())
                .flatMap(ok -> operations.insert(id, kind, caller.clientId(), requestJson, hash, idempotencyKey, now,
                        (transaction, heldBy) -> events.succeededOn(transaction, Map.of("operationId", heldBy))))
                .flatMap(heldBy -> {
                    if (!heldBy.equals(id)) {
                        return operations.findOne(heldBy).map(OperationResponse::from); // an earlier submission's key
                    }
                    return Uni.createFrom().item(new OperationResponse(id, Operation.Status.PENDING.name(), null, null, now, now));
                });
    }

    public Uni<OperationResponse> status(UUID id, Caller caller) {
        return visible(id, caller).map(OperationResponse::from);
    }

    public Uni<Page<OperationResponse>> list(String status, Caller caller, PageRequest page) {
        if (status != null && !List.of("PENDING", "RUNNING", "SUCCEEDED", "FAILED").contains(status)) {
            return Uni.createFrom().failure(ApiException.validation(ErrorDetail.query("status", status,
                    "Must be PENDING, RUNNING, SUCCEEDED or FAILED")));
        }
        return operations.page(status, submitterSeenBy(caller), page)
                .map(rows -> Page.of(rows, page, op -> List.of(op.createdAt, op.id), OperationResponse::from));
    }

    /** A creation's result (createresult): as {@link #result}, for a creation only. */
    @WithTransaction
    public Uni<TenantResponse> takeResult(UUID id, Caller caller) {
        return operations.lock(id).flatMap(op -> {
            if (op != null && !op.is(Operation.Kind.TENANT_CREATE)) {
                throw ApiException.notFound("Operation");
            }
            requireFinished(op, caller);
            return creationResult(op);
        }).call(() -> events.succeeded(Map.of("operationId", id)));
    }

    /**
     * Any operation's result. One that holds secrets (a creation's, an import's or a clone's with new secrets) exactly
     * once: the row is locked, so of parallel readers one takes it (erased in the same transaction) and the others
     * then find it consumed (410). Any other (an export's bundle) as often as asked until it expires (410 then).
     */
    @WithTransaction
    public Uni<Object> result(UUID id, Caller caller) {
        return operations.lock(id).flatMap(op -> {
            requireFinished(op, caller);
            return op.is(Operation.Kind.TENANT_CREATE) ? creationResult(op).map(Object.class::cast)
                    : Uni.createFrom().item(keptResult(op));
        }).call(() -> events.succeeded(Map.of("operationId", id)));
    }

    /** The created tenant with its admin client's secret, which is erased. */
    private Uni<TenantResponse> creationResult(Operation op) {
        String secret = new String(takeSecret(op), StandardCharsets.UTF_8);
        return tenants.findWithEnvironment(op.tenantId).flatMap(tenant -> clients.findInScope(op.tenantId, op.clientId)
                .map(client -> {
                    if (tenant == null || client == null) {
                        throw new ApiException(410, "ResultGone", "The tenant no longer exists", List.of());
                    }
                    return TenantResponse.withClient(tenant, ClientResponse.withSecret(client, secret));
                }));
    }

    private Object keptResult(Operation op) {
        if (op.result != null) {
            return op.result;
        }
        try {
            return json.readValue(takeSecret(op), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sealed result, opened and erased; 410 once taken or expired. */
    private byte[] takeSecret(Operation op) {
        if (op.resultConsumed || op.resultSecret == null) {
            throw new ApiException(410, "ResultGone", "The result was already retrieved or has expired", List.of());
        }
        byte[] secret = secretBox.open(op.resultSecret);
        op.resultConsumed = true;
        op.resultSecret = null;
        op.updatedAt = Clock.now();
        return secret;
    }

    /** 404 unless the caller sees the operation; its failure if FAILED; 409 unless SUCCEEDED. */
    private void requireFinished(Operation op, Caller caller) {
        if (op == null || !mayView(op, caller)) {
            throw ApiException.notFound("Operation");
        }
        if (op.is(Operation.Status.FAILED)) {
            throw storedFailure(op);
        }
        if (!op.is(Operation.Status.SUCCEEDED)) {
            throw new ApiException(409, "OperationNotFinished", "The operation is " + op.status,
                    List.of(new ErrorDetail(op.status, "Not finished yet", "status", "path")));
        }
    }

    /**
     * Runs a claimed operation: does its work and marks it SUCCEEDED in one transaction. If the claim is no longer
     * this worker's (its lease ran out and another took over), nothing is written.
     */
    @WithTransaction
    public Uni<Boolean> execute(UUID id, UUID claimId) {
        return operations.lock(id).flatMap(op -> {
            if (op == null || !claimId.equals(op.claimId) || !op.is(Operation.Status.RUNNING)) {
                return Uni.createFrom().item(false);
            }
            events.begin(op.kind, op.submittedBy, Map.of("operationId", op.id));
            Uni<Void> work = switch (Operation.Kind.valueOf(op.kind)) {
                case TENANT_CREATE -> create(op);
                case TENANT_EXPORT -> export(op);
                case TENANT_IMPORT -> importBundle(op);
                case TENANT_CLONE -> cloneTenant(op);
            };
            return work.map(done -> {
                Instant now = Clock.now();
                op.status = Operation.Status.SUCCEEDED.name();
                op.resultExpiresAt = now.plus(config.operations().resultTtl());
                op.completedAt = now;
                op.updatedAt = now;
                timeToSucceeded.record(Duration.between(op.createdAt, now));
                metrics.counter("landlord.operations.completed", "status", op.status).increment();
                return true;
            });
        });
    }

    private Uni<Void> create(Operation op) {
        return tenantService.create(json.convertValue(op.request, CreateTenantRequest.class)).invoke(created -> {
            op.tenantId = created.id();
            op.clientId = created.client().clientId();
            op.resultSecret = secretBox.seal(created.client().clientSecret().getBytes(StandardCharsets.UTF_8));
        }).replaceWithVoid();
    }

    private Uni<Void> export(Operation op) {
        ExportOperation request = json.convertValue(op.request, ExportOperation.class);
        return bundles.export(request.tenantId(), request.includeSecretHashes()).invoke(bundle -> {
            op.tenantId = request.tenantId();
            op.result = bundle;
        }).call(() -> events.succeeded(request.tenantId(), Map.of("tenantId", request.tenantId()))).replaceWithVoid();
    }

    private Uni<Void> importBundle(Operation op) {
        ImportTenantRequest request = json.convertValue(op.request, ImportTenantRequest.class);
        return imports.importBundle(request.bundle(), request.environmentId(), request.subdomain(), request.name(), false)
                .call(imported -> keep(op, imported, Map.of("tenantId", imported.tenant().id()))).replaceWithVoid();
    }

    /** A clone is an import, with new client ids, of the tenant's bundle without secret hashes or sub-tenants. */
    private Uni<Void> cloneTenant(Operation op) {
        CloneOperation request = json.convertValue(op.request, CloneOperation.class);
        return bundles.export(request.tenantId(), false)
                .map(bundle -> json.convertValue(bundle, TenantBundle.class).withoutSubTenants())
                .flatMap(bundle -> imports.importBundle(bundle, request.target().environmentId(), request.target().subdomain(),
                        request.target().name(), true))
                .call(imported -> keep(op, imported, Map.of("tenantId", imported.tenant().id(), "sourceTenantId", request.tenantId())))
                .replaceWithVoid();
    }

    /** Keeps an import's or a clone's result: sealed, to be handed out once, when it holds secrets or keys. */
    private Uni<Void> keep(Operation op, ImportedTenantResponse imported, Map<String, Object> event) {
        op.tenantId = imported.tenant().id();
        if (imported.carriesSecrets()) {
            try {
                op.resultSecret = secretBox.seal(json.writeValueAsBytes(imported));
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
        } else {
            op.result = json.convertValue(imported, new TypeReference<Map<String, Object>>() { });
        }
        return events.succeeded(op.tenantId, event);
    }

    /**
     * Records a failed run: a client error (4xx) is final; a server error is retried until {@link #MAX_ATTEMPTS}.
     * Returns whether the operation is now final.
     */
    @WithTransaction
    public Uni<Boolean> recordFailure(UUID id, UUID claimId, Throwable failure) {
        Response response = ErrorMapper.toResponse(failure);
        return operations.lock(id).flatMap(op -> {
            if (op == null || !claimId.equals(op.claimId) || !op.is(Operation.Status.RUNNING)) {
                return Uni.createFrom().item(false);
            }
            Instant now = Clock.now();
            op.updatedAt = now;
            if (response.getStatus() >= 500 && op.attempts < MAX_ATTEMPTS) {
                op.status = Operation.Status.PENDING.name();
                op.claimId = null;
                return Uni.createFrom().item(false);
            }
            op.status = Operation.Status.FAILED.name();
            op.errorStatus = response.getStatus();
            op.error = json.convertValue(response.getEntity(), Map.class);
            op.completedAt = now;
            metrics.counter("landlord.operations.completed", "status", op.status).increment();
            events.begin(op.kind, op.submittedBy, Map.of("operationId", op.id));
            return events.failed(null, Map.of(), ErrorMapper.outcomeOf(failure)).replaceWith(true);
        });
    }

    private Uni<Operation> visible(UUID id, Caller caller) {
        return operations.findOne(id).map(op -> {
            if (op == null || !mayView(op, caller)) {
                throw ApiException.notFound("Operation");
            }
            return op;
        });
    }

    /** Only the submitting client, or a platform-admin, sees an operation; to anyone else it does not exist. */
    private static boolean mayView(Operation op, Caller caller) {
        return caller.isPlatformAdmin() || op.submittedBy.equals(caller.clientId());
    }

    private ApiException storedFailure(Operation op) {
        ApiError error = json.convertValue(op.error, ApiError.class);
        return new ApiException(op.errorStatus, error.type(), error.message(),
                error.details() == null ? List.of() : error.details());
    }

    /** How many operations of {@code status} the caller may see began at or after {@code since} (the console's overview). */
    public Uni<Long> countSince(String status, Instant since, Caller caller) {
        return operations.countSince(status, submitterSeenBy(caller), since);
    }

    /** The newest operations of {@code status} the caller may see, newest first. */
    public Uni<List<OperationResponse>> latest(String status, Caller caller, int limit) {
        return operations.latest(status, submitterSeenBy(caller), limit)
                .map(rows -> rows.stream().map(OperationResponse::from).toList());
    }

    /** A platform-admin sees every operation; anyone else only those they submitted. */
    private static String submitterSeenBy(Caller caller) {
        return caller.isPlatformAdmin() ? null : caller.clientId();
    }
}
