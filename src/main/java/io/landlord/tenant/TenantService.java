package io.landlord.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.landlord.client.Client;
import io.landlord.client.ClientRepository;
import io.landlord.client.ClientResponse;
import io.landlord.client.ClientService;
import io.landlord.common.crypto.Secrets;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorMapper;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
import io.landlord.common.security.LockedTenants;
import io.landlord.common.security.Roles;
import io.landlord.common.time.Clock;
import io.landlord.entitlement.EntitlementService;
import io.landlord.event.EventRecorder;
import io.landlord.event.NewEvent;
import io.landlord.environment.Environment;
import io.landlord.environment.EnvironmentRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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
    private static final String SUBDOMAIN_CONSTRAINT = "tenants_subdomain_per_environment";

    private final TenantRepository tenants;
    private final EnvironmentRepository environments;
    private final ClientRepository clients;
    private final ClientService clientService;
    private final EntitlementService entitlements;
    private final ObjectMapper json;
    private final EventRecorder events;
    private final TenantDeletions deletions;
    private final LockedTenants lockedTenants;
    private final TenantsConfig config;
    private final Pool pool;

    public TenantService(TenantRepository tenants, EnvironmentRepository environments, ClientRepository clients,
            ClientService clientService, EntitlementService entitlements, ObjectMapper json, EventRecorder events,
            TenantDeletions deletions, LockedTenants lockedTenants, TenantsConfig config, Pool pool) {
        this.tenants = tenants;
        this.environments = environments;
        this.clients = clients;
        this.clientService = clientService;
        this.entitlements = entitlements;
        this.json = json;
        this.events = events;
        this.deletions = deletions;
        this.lockedTenants = lockedTenants;
        this.config = config;
        this.pool = pool;
    }

    /**
     * Creates the tenant and its default {@code admin} client in one transaction. The subdomain's uniqueness
     * within the environment is the database's to enforce: a concurrent twin fails with a 409 at commit, which
     * says until when a deleted tenant holds the subdomain if one does.
     */
    public Uni<TenantResponse> create(CreateTenantRequest request) {
        return Panache.withTransaction(() -> insert(request))
                .onFailure(e -> SUBDOMAIN_CONSTRAINT.equals(ErrorMapper.constraintName(e)))
                .recoverWithUni(e -> subdomainHeldByDeletedTenant(request, e));
    }

    private Uni<TenantResponse> insert(CreateTenantRequest request) {
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

    /**
     * Read on the pool once the failed transaction has ended (and given its connection back: 50 conflicting creates
     * that each held one while asking for another would exhaust the pool).
     */
    private Uni<TenantResponse> subdomainHeldByDeletedTenant(CreateTenantRequest request, Throwable taken) {
        return deletions.heldUntil(pool, request.environmentId(), request.subdomain()).flatMap(until -> {
            if (until == null) {
                return Uni.createFrom().failure(taken);
            }
            String held = "Subdomain is held by a deleted tenant until " + until + " (its restore window); a purge frees it";
            return Uni.createFrom().failure(new ApiException(409, "SubdomainHeld", held,
                    List.of(ErrorDetail.body("subdomain", request.subdomain(), held))));
        });
    }

    /** 400 on {@code environmentId} unless the environment exists. */
    public Uni<Void> requireEnvironment(UUID environmentId) {
        return findEnvironment(environmentId).replaceWithVoid();
    }

    Uni<Environment> findEnvironment(UUID environmentId) {
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
     * Marks the tenant deleted, and with {@code cascade} its sub-tenants too; a main tenant with live sub-tenants is
     * refused otherwise (the database says so: 409). Its rows stay, and its subdomain held, until the restore window
     * has passed. Its clients' tokens are refused at once here and on every instance at its next reload.
     */
    public Uni<Void> delete(UUID id, boolean cascade) {
        Instant now = Clock.now();
        return pool.withTransaction(tx -> deletions.markDeleted(tx, id, cascade, now, now.plus(config.restoreWindow()))
                        .call(deleted -> deleted.isEmpty() ? Uni.createFrom().failure(ApiException.notFound("Tenant"))
                                : events.succeededOn(tx, Map.of("tenantId", id, "cascade", cascade, "deleted", deleted))))
                .invoke(deleted -> lockedTenants.deletedChanged(deleted, true))
                .replaceWithVoid();
    }

    /** The deleted tenants that can still be restored or purged, in (createdAt, id) order. */
    public Uni<Page<TenantResponse>> listDeleted(PageRequest page) {
        return deletions.page(page).map(rows -> Page.of(rows, page, t -> List.of(t.createdAt, t.id), TenantResponse::deleted));
    }

    /**
     * Brings a deleted tenant back as it was, with the sub-tenants deleted with it, while its restore window lasts:
     * 409 if it is not deleted (or went with its main tenant's deletion, or its main tenant is deleted), 404 once
     * purged or past its window. Of restores racing, one finds the marks and the others a live tenant.
     */
    public Uni<TenantResponse> restore(UUID id) {
        Instant now = Clock.now();
        return pool.withTransaction(tx -> deletions.unmarkDeleted(tx, id, now)
                        .call(restored -> restored.isEmpty() ? deletions.standing(tx, id, now).invoke(TenantService::refuseRestore)
                                : events.succeededOn(tx, Map.of("tenantId", id, "restored", restored))))
                .invoke(restored -> lockedTenants.deletedChanged(restored, false))
                .flatMap(restored -> get(id));
    }

    private static void refuseRestore(TenantDeletions.Standing standing) {
        throw switch (standing) {
            case LIVE -> ApiException.conflict("TenantNotDeleted", "The tenant is not deleted");
            case DELETED_WITH_MAIN -> ApiException.conflict("DeletedWithMainTenant",
                    "The tenant was deleted with its main tenant: restore the main tenant");
            case MAIN_DELETED -> ApiException.conflict("MainTenantDeleted", "The tenant's main tenant is deleted: restore it first");
            case ABSENT, WINDOW_PASSED, RESTORABLE -> ApiException.notFound("Tenant");
        };
    }

    /**
     * Erases a deleted tenant at once, with its sub-tenants and everything they own; its subdomain is free again.
     * 409 if it is not deleted, 404 if there is no such tenant. One TENANT_PURGE event per erased tenant.
     */
    public Uni<Void> purge(UUID id) {
        Instant now = Clock.now();
        return pool.withTransaction(tx -> deletions.lockDeleted(tx, id).flatMap(isDeleted -> isDeleted
                        ? deletions.purge(tx, id).call(purged -> events.succeededOn(tx, Map.of("tenantId", id, "purged", purged))
                                .call(() -> events.appendOn(tx, purgeEvents(purged))))
                        : deletions.standing(tx, id, now).invoke(standing -> {
                            throw standing == TenantDeletions.Standing.ABSENT ? ApiException.notFound("Tenant")
                                    : ApiException.conflict("TenantNotDeleted", "Only a deleted tenant is purged");
                        }).replaceWith(List.<UUID>of())))
                .invoke(this::purgeCommitted)
                .replaceWithVoid();
    }

    /**
     * One batch of the scheduled purge: up to {@code landlord.tenants.purge-batch-size} deleted tenants whose window
     * has passed, with their sub-tenants. Returns how many tenants it erased.
     */
    public Uni<Integer> purgeDue() {
        return pool.withTransaction(tx -> deletions.purgeDue(tx, Clock.now(), config.purgeBatchSize())
                        .call(purged -> events.appendOn(tx, purgeEvents(purged))))
                .invoke(this::purgeCommitted)
                .map(List::size);
    }

    /** After a purge committed: its tenants are no longer deleted ones (they are gone), and the stream has news. */
    private void purgeCommitted(List<UUID> purged) {
        lockedTenants.deletedChanged(purged, false);
        events.committed();
    }

    private static List<NewEvent> purgeEvents(List<UUID> purged) {
        return purged.stream().map(tenantId -> NewEvent.of("TENANT_PURGE", tenantId, Map.of("tenantId", tenantId))).toList();
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

    static Tenant newTenant(CreateTenantRequest request, Environment environment) {
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
