package io.landlord.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.landlord.client.Client;
import io.landlord.client.ClientRepository;
import io.landlord.client.ClientResponse;
import io.landlord.client.ClientService;
import io.landlord.common.crypto.Secrets;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Roles;
import io.landlord.common.time.Clock;
import io.landlord.entitlement.EntitlementService;
import io.landlord.event.EventRecorder;
import io.landlord.environment.Environment;
import io.landlord.environment.EnvironmentRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class TenantService {

    static final String PRODUCT = "product";
    static final String CLIENT = "client";

    private final TenantRepository tenants;
    private final EnvironmentRepository environments;
    private final ClientRepository clients;
    private final ClientService clientService;
    private final EntitlementService entitlements;
    private final ObjectMapper json;
    private final EventRecorder events;

    public TenantService(TenantRepository tenants, EnvironmentRepository environments, ClientRepository clients,
            ClientService clientService, EntitlementService entitlements, ObjectMapper json, EventRecorder events) {
        this.tenants = tenants;
        this.environments = environments;
        this.clients = clients;
        this.clientService = clientService;
        this.entitlements = entitlements;
        this.json = json;
        this.events = events;
    }

    /**
     * Creates the tenant and its default {@code admin} client in one transaction. The subdomain's uniqueness
     * within the environment is the database's to enforce: a concurrent twin fails with a 409 at commit.
     */
    @WithTransaction
    public Uni<TenantResponse> create(CreateTenantRequest request) {
        return findEnvironment(request.environmentId())
                .flatMap(environment -> checkMainTenant(request, environment).map(ignored -> environment))
                .flatMap(environment -> {
                    Tenant tenant = newTenant(request, environment);
                    String secret = Secrets.newSecret();
                    Client admin = clientService.newClient(tenant.id, tenant.name + " admin", List.of(Roles.TENANT_ADMIN), secret);
                    return tenants.persist(tenant)
                            .flatMap(saved -> clients.persist(admin))
                            .call(saved -> entitlements.addAll(tenant.id, request.entitlements()))
                            .call(() -> tenants.flush())
                            .call(() -> events.succeeded(tenant.id, Map.of("tenantId", tenant.id, "clientId", admin.clientId)))
                            .map(saved -> TenantResponse.withClient(tenant, ClientResponse.withSecret(admin, secret)));
                });
    }

    /** 400 on {@code environmentId} unless the environment exists. */
    public Uni<Void> requireEnvironment(UUID environmentId) {
        return findEnvironment(environmentId).replaceWithVoid();
    }

    private Uni<Environment> findEnvironment(UUID environmentId) {
        return environments.findOne(environmentId)
                .onItem().ifNull().failWith(() -> ApiException.validation(
                        ErrorDetail.body("environmentId", environmentId, "Unknown environment")));
    }

    public Uni<Page<TenantResponse>> list(PageRequest page) {
        return tenants.page(page).map(rows -> Page.of(rows, page, t -> List.of(t.createdAt, t.id), TenantResponse::from));
    }

    /** A search page: matching tenants in the requested order, and the cursor after the last one. */
    public Uni<Page<TenantResponse>> search(TenantSearchRequest request) {
        TenantSearch.Query query = TenantSearch.compile(request);
        return tenants.search(query).flatMap(hits -> {
            boolean more = hits.size() > query.limit();
            List<TenantRepository.Hit> shown = more ? hits.subList(0, query.limit()) : hits;
            String next = more ? TenantSearch.cursorAfter(query, shown.get(shown.size() - 1).sortValues(),
                    shown.get(shown.size() - 1).id()) : null;
            return tenants.findAllInOrder(shown.stream().map(TenantRepository.Hit::id).toList())
                    .map(found -> new Page<>(found.stream().map(TenantResponse::from).toList(), next));
        });
    }

    /** How many tenants there are, or how many of them are locked (the console's overview). */
    @WithSession
    public Uni<Long> count(boolean lockedOnly) {
        return lockedOnly ? tenants.count("locked", true) : tenants.count();
    }

    public Uni<TenantResponse> get(UUID id) {
        return tenants.findForReading(id).onItem().ifNull().failWith(() -> ApiException.notFound("Tenant"))
                .map(TenantResponse::from);
    }

    /** 404 unless the caller may act in this tenant (see Caller) and the tenant exists. */
    public Uni<Void> requireAccessible(Caller caller, UUID id) {
        caller.requireAccessTo(id);
        return requireExists(id);
    }

    /** 404 unless the tenant exists; for endpoints under /v1/tenants/{id}/… */
    @WithSession
    public Uni<Void> requireExists(UUID id) {
        return tenants.count("id", id).invoke(count -> {
            if (count == 0) {
                throw ApiException.notFound("Tenant");
            }
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<TenantResponse> update(UUID id, JsonNode mergePatch) {
        TenantPatch patch = TenantPatch.parse(mergePatch);
        return find(id).map(tenant -> {
            if (patch.applyTo(tenant, json)) {
                tenant.updatedAt = Clock.now();
            }
            return TenantResponse.from(tenant);
        }).call(() -> events.succeeded(Map.of("tenantId", id)));
    }

    /**
     * Locks or unlocks the tenant, idempotently: {@code lockedAt} keeps the time of the first lock. Once this
     * commits, its clients get no tokens and their issued tokens are refused (see LockedTenants).
     */
    @WithTransaction
    public Uni<TenantResponse> setLocked(UUID id, boolean locked) {
        return find(id).map(tenant -> {
            if (tenant.locked != locked) {
                Instant now = Clock.now();
                tenant.locked = locked;
                tenant.lockedAt = locked ? now : null;
                tenant.updatedAt = now;
            }
            return TenantResponse.from(tenant);
        }).call(() -> events.succeeded(Map.of("tenantId", id)));
    }

    /**
     * Deletes the tenant; what it owns goes with it (foreign keys cascade). A main tenant's sub-tenants block
     * the delete (the foreign key answers 409) unless {@code cascade} deletes them first, in the same transaction.
     */
    @WithTransaction
    public Uni<Void> delete(UUID id, boolean cascade) {
        Uni<Long> subTenantsGone = cascade ? tenants.delete("mainTenantId", id) : Uni.createFrom().item(0L);
        return subTenantsGone.flatMap(ignored -> tenants.delete("id", id)).invoke(deleted -> {
            if (deleted == 0) {
                throw ApiException.notFound("Tenant");
            }
        }).call(() -> events.succeeded(Map.of("tenantId", id, "cascade", cascade))).replaceWithVoid();
    }

    private Uni<Tenant> find(UUID id) {
        return tenants.findWithEnvironment(id).onItem().ifNull().failWith(() -> ApiException.notFound("Tenant"));
    }

    /** A {@code client} tenant may name a {@code product} main tenant of its own environment; nothing else may. */
    private Uni<Void> checkMainTenant(CreateTenantRequest request, Environment environment) {
        String type = request.type() == null ? PRODUCT : request.type();
        if (request.mainTenantId() == null) {
            return Uni.createFrom().voidItem();
        }
        if (!CLIENT.equals(type)) {
            return Uni.createFrom().failure(ApiException.validation(ErrorDetail.body("mainTenantId",
                    request.mainTenantId(), "Only a tenant of type client has a main tenant")));
        }
        return tenants.findWithEnvironment(request.mainTenantId()).invoke(main -> {
            if (main == null || !PRODUCT.equals(main.type) || !main.environment.id.equals(environment.id)) {
                throw ApiException.validation(ErrorDetail.body("mainTenantId", request.mainTenantId(),
                        "Must be a product tenant of the same environment"));
            }
        }).replaceWithVoid();
    }

    private static Tenant newTenant(CreateTenantRequest request, Environment environment) {
        Instant now = Clock.now();
        Tenant tenant = new Tenant();
        tenant.id = UUID.randomUUID();
        tenant.environment = environment;
        tenant.subdomain = request.subdomain();
        tenant.name = request.name() == null ? request.subdomain() : request.name().strip();
        tenant.type = request.type() == null ? PRODUCT : request.type();
        tenant.mainTenantId = request.mainTenantId();
        tenant.code = request.code();
        tenant.description = request.description();
        tenant.tag = request.tag();
        tenant.profile = request.profile() == null ? new LinkedHashMap<>() : request.profile();
        tenant.createdAt = now;
        tenant.updatedAt = now;
        return tenant;
    }
}
