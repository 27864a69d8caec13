package io.landlord.tenant;

import io.landlord.application.ApiKey;
import io.landlord.application.ApiKeyResponse;
import io.landlord.application.ApiKeyService;
import io.landlord.application.Application;
import io.landlord.application.ApplicationService;
import io.landlord.client.Client;
import io.landlord.client.ClientRepository;
import io.landlord.client.ClientResponse;
import io.landlord.client.ClientService;
import io.landlord.common.crypto.Secrets;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Roles;
import io.landlord.common.time.Clock;
import io.landlord.entitlement.EntitlementRequest;
import io.landlord.entitlement.EntitlementService;
import io.landlord.environment.Environment;
import io.landlord.identityprovider.IdentityProviderService;
import io.landlord.tenant.TenantBundle.BundledApiKey;
import io.landlord.tenant.TenantBundle.BundledApplication;
import io.landlord.tenant.TenantBundle.BundledClient;
import io.landlord.tenant.TenantBundle.BundledTenant;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Imports a bundle ({@link TenantBundle}) as a new tenant with its sub-tenants: the check that refuses a bad bundle
 * before anything is written, and the writes, in the caller's transaction.
 */
@ApplicationScoped
public class TenantImports {

    private static final int HASH_BYTES = 32;

    private final TenantService tenantService;
    private final TenantRepository tenants;
    private final ClientService clientService;
    private final ClientRepository clients;
    private final EntitlementService entitlements;
    private final IdentityProviderService identityProviders;

    public TenantImports(TenantService tenantService, TenantRepository tenants, ClientService clientService,
            ClientRepository clients, EntitlementService entitlements, IdentityProviderService identityProviders) {
        this.tenantService = tenantService;
        this.tenants = tenants;
        this.clientService = clientService;
        this.clients = clients;
        this.entitlements = entitlements;
        this.identityProviders = identityProviders;
    }

    /**
     * Refuses a bundle that cannot be imported into the environment with one 400 whose details name every problem the
     * bundle's constraints do not already report: an unknown environment, client ids that exist (or appear twice),
     * roles that are not tenant roles, application lifetimes SOAJS does not know, missing or malformed hashes, sub-tenants where none can be. A bundle carrying
     * secret hashes is a platform-admin's only (403): it sets credentials.
     */
    public Uni<Void> check(TenantBundle bundle, UUID environmentId, Caller caller) {
        if (bundle.hashes() && !caller.isPlatformAdmin()) {
            return Uni.createFrom().failure(new ForbiddenException());
        }
        List<ErrorDetail> problems = new ArrayList<>();
        Map<String, String> clientIds = new LinkedHashMap<>(); // each client id, and where the bundle names it
        checkTenant(bundle, bundle.tenant(), "bundle.tenant.", true, problems, clientIds);
        return tenantService.findEnvironment(environmentId).replaceWithVoid()
                .onFailure(ApiException.class).recoverWithItem(e -> {
                    problems.addAll(((ApiException) e).details());
                    return null;
                })
                .flatMap(ignored -> clients.taken(clientIds.keySet()))
                .invoke(taken -> {
                    clientIds.forEach((clientId, at) -> {
                        if (taken.contains(clientId)) {
                            problems.add(ErrorDetail.body(at, clientId, "A client with this id already exists"));
                        }
                    });
                    if (!problems.isEmpty()) {
                        throw ApiException.validation("The bundle cannot be imported", problems);
                    }
                })
                .replaceWithVoid();
    }

    private static void checkTenant(TenantBundle bundle, BundledTenant tenant, String at, boolean main,
            List<ErrorDetail> problems, Map<String, String> clientIds) {
        for (int i = 0; i < tenant.clients().size(); i++) {
            BundledClient client = tenant.clients().get(i);
            String clientAt = at + "clients[" + i + "].";
            if (clientIds.putIfAbsent(client.clientId(), clientAt + "clientId") != null) {
                problems.add(ErrorDetail.body(clientAt + "clientId", client.clientId(), "Appears twice in the bundle"));
            }
            for (String role : client.roles()) {
                if (Roles.find(role, Roles.Scope.TENANT).isEmpty()) {
                    problems.add(ErrorDetail.body(clientAt + "roles", role, "Not a tenant role"));
                }
            }
            if (bundle.hashes()) {
                checkHash(problems, clientAt + "secretHash", client.secretHash());
            }
        }
        List<EntitlementRequest> given = tenant.entitlements() == null ? List.of() : tenant.entitlements();
        if (given.stream().map(EntitlementRequest::type).distinct().count() != given.size()) {
            problems.add(ErrorDetail.body(at + "entitlements", null, "One entitlement per type"));
        }
        if (tenant.identityProvider() != null) {
            problems.addAll(IdentityProviderService.invalid(tenant.identityProvider().toSettings(), at + "identityProvider."));
        }
        for (int a = 0; a < tenant.applicationList().size(); a++) {
            Integer ttlHours = tenant.applicationList().get(a).ttlHours();
            if (ttlHours != null) {
                ApplicationService.invalidTtl(ttlHours, at + "applications[" + a + "].ttlHours").ifPresent(problems::add);
            }
        }
        if (bundle.hashes()) {
            for (int a = 0; a < tenant.applicationList().size(); a++) {
                List<BundledApiKey> keys = tenant.applicationList().get(a).apiKeyList();
                for (int k = 0; k < keys.size(); k++) {
                    checkHash(problems, at + "applications[" + a + "].apiKeys[" + k + "].keyHash", keys.get(k).keyHash());
                }
            }
        }
        List<BundledTenant> subTenants = tenant.subTenantList();
        if (!main && !subTenants.isEmpty()) {
            problems.add(ErrorDetail.body(at + "subTenants", null, "A sub-tenant has no sub-tenants"));
        }
        if (main && !subTenants.isEmpty() && !TenantService.PRODUCT.equals(tenant.type())) {
            problems.add(ErrorDetail.body(at + "type", tenant.type(), "A tenant with sub-tenants is a product tenant"));
        }
        if (!main && !TenantService.CLIENT.equals(tenant.type())) {
            problems.add(ErrorDetail.body(at + "type", tenant.type(), "A sub-tenant is a client tenant"));
        }
        for (int i = 0; main && i < subTenants.size(); i++) {
            checkTenant(bundle, subTenants.get(i), at + "subTenants[" + i + "].", false, problems, clientIds);
        }
    }

    private static void checkHash(List<ErrorDetail> problems, String at, String hash) {
        if (hash == null) {
            problems.add(ErrorDetail.body(at, null, "Required in a bundle that includes secret hashes"));
        } else if (decode(hash) == null) {
            problems.add(ErrorDetail.body(at, null, "Must be the base64 of a " + HASH_BYTES + "-byte hash"));
        }
    }

    /** The hash, or null if it is not the base64 of one. */
    private static byte[] decode(String hash) {
        try {
            byte[] bytes = Base64.getDecoder().decode(hash);
            return bytes.length == HASH_BYTES ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Writes the bundle as a new tenant of the environment, with its sub-tenants, in the caller's transaction
     * (nothing is written if any part fails). {@code subdomain} and {@code name}, when given, replace the tenant's own.
     * Clients keep their ids unless {@code newClientIds}; secrets and API keys are new (and in the result) unless the
     * bundle carries their hashes.
     */
    public Uni<ImportedTenantResponse> importBundle(TenantBundle bundle, UUID environmentId, String subdomain, String name,
            boolean newClientIds) {
        Instant start = Clock.now();
        List<BundledTenant> subTenants = bundle.tenant().subTenantList();
        return tenantService.findEnvironment(environmentId).flatMap(environment ->
                add(bundle, newClientIds, environment, bundle.tenant(), null, subdomain, name, start).flatMap(main ->
                        Multi.createFrom().range(0, subTenants.size())
                                .onItem().transformToUniAndConcatenate(i -> add(bundle, newClientIds, environment, subTenants.get(i),
                                        main.tenant().id(), null, null, start.plus(i + 1, ChronoUnit.MICROS)))
                                .collect().asList()
                                .map(imported -> new ImportedTenantResponse(main.tenant(), main.clients(), main.apiKeys(), imported))))
                .call(() -> tenants.flush()); // a taken subdomain or client id fails the import here, not at commit
    }

    /**
     * One tenant of the bundle. Its parts are stamped one microsecond apart from {@code createdAt}, in the bundle's
     * order, so that lists (and a new export) show them in that order, as they are ordered by creation.
     */
    private Uni<ImportedTenantResponse> add(TenantBundle bundle, boolean newClientIds, Environment environment,
            BundledTenant from, UUID mainTenantId, String subdomain, String name, Instant createdAt) {
        Tenant tenant = TenantService.newTenant(new CreateTenantRequest(name == null ? from.name() : name,
                subdomain == null ? from.subdomain() : subdomain, environment.id, from.description(), from.tag(), from.code(),
                from.type(), mainTenantId, from.profile(), null), environment);
        tenant.createdAt = createdAt;
        tenant.updatedAt = createdAt;
        tenant.locked = from.locked();
        tenant.lockedAt = from.locked() ? tenant.createdAt : null;
        tenant.verifiedDomain = from.verifiedDomain();

        List<Client> newClients = new ArrayList<>();
        List<ClientResponse> shownClients = new ArrayList<>();
        for (BundledClient bundled : from.clients()) {
            String secret = bundle.hashes() ? null : Secrets.newSecret();
            Client client = secret == null
                    ? clientService.newClientWithHash(tenant.id, bundled.name(), bundled.roles(), decode(bundled.secretHash()))
                    : clientService.newClient(tenant.id, bundled.name(), bundled.roles(), secret);
            if (!newClientIds) {
                client.clientId = bundled.clientId();
            }
            client.createdAt = createdAt.plus(newClients.size(), ChronoUnit.MICROS);
            client.updatedAt = client.createdAt;
            newClients.add(client);
            shownClients.add(ClientResponse.withSecret(client, secret));
        }

        List<Application> newApplications = new ArrayList<>();
        List<ApiKey> newKeys = new ArrayList<>();
        List<ApiKeyResponse> shownKeys = new ArrayList<>();
        for (BundledApplication bundled : from.applicationList()) {
            Application application = ApplicationService.newApplication(tenant.id, bundled.settings());
            application.createdAt = createdAt.plus(newApplications.size(), ChronoUnit.MICROS);
            application.updatedAt = application.createdAt;
            newApplications.add(application);
            for (BundledApiKey bundledKey : bundled.apiKeyList()) {
                String key = bundle.hashes() ? null : ApiKeyService.newKey();
                ApiKey apiKey = ApiKeyService.newApiKey(application, key == null ? decode(bundledKey.keyHash()) : Secrets.hash(key),
                        bundledKey.settings());
                apiKey.revokedAt = bundledKey.revokedAt();
                apiKey.createdAt = createdAt.plus(newKeys.size(), ChronoUnit.MICROS);
                newKeys.add(apiKey);
                shownKeys.add(ApiKeyResponse.withKey(apiKey, key));
            }
        }

        return tenants.persist(tenant)
                .call(() -> persistAll(newClients))
                .call(() -> entitlements.addAll(tenant.id, from.entitlements()))
                .call(() -> from.identityProvider() == null ? Uni.createFrom().voidItem()
                        : identityProviders.change(tenant.id, from.identityProvider().toSettings(), "bundle.tenant.identityProvider."))
                .call(() -> persistAll(newApplications))
                .call(() -> persistAll(newKeys))
                .map(ignored -> new ImportedTenantResponse(TenantResponse.from(tenant), shownClients, shownKeys, List.of()));
    }

    /** Persists them in the current session (Panache's persist of a list refuses an empty one). */
    private static Uni<Void> persistAll(List<?> entities) {
        return entities.isEmpty() ? Uni.createFrom().voidItem()
                : Panache.getSession().flatMap(session -> session.persistAll(entities.toArray()));
    }
}
