package io.landlord.client;

import io.landlord.event.EventRecorder;
import io.landlord.common.crypto.Secrets;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.RevokedTokens;
import io.landlord.common.security.Roles;
import io.landlord.common.time.Clock;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Clients of one scope: a tenant's ({@code tenantId} set, tenant roles) or the management plane's
 * ({@code tenantId} null, platform roles). Callers have already confined the caller to the scope.
 */
@ApplicationScoped
public class ClientService {

    /** Client ids are random too (24 bytes), so one client's id says nothing about another's. */
    private static final int CLIENT_ID_BYTES = 24;

    private final ClientRepository clients;
    private final EventRecorder events;
    private final RevokedTokens revokedTokens;

    public ClientService(ClientRepository clients, EventRecorder events, RevokedTokens revokedTokens) {
        this.events = events;
        this.clients = clients;
        this.revokedTokens = revokedTokens;
    }

    public Uni<Page<ClientResponse>> list(UUID tenantId, PageRequest page) {
        return clients.page(tenantId, page)
                .map(rows -> Page.of(rows, page, c -> List.of(c.createdAt, c.id), ClientResponse::from));
    }

    public Uni<ClientResponse> get(UUID tenantId, String clientId) {
        return find(tenantId, clientId).map(ClientResponse::from);
    }

    @WithTransaction
    public Uni<ClientResponse> create(UUID tenantId, CreateClientRequest request) {
        String secret = Secrets.newSecret();
        Client client = newClient(tenantId, request.name(), checkedRoles(tenantId, request.roles()), secret);
        return clients.persist(client)
                .call(saved -> events.succeeded(Map.of("clientId", saved.clientId)))
                .map(saved -> ClientResponse.withSecret(saved, secret));
    }

    /** A new client for a scope, not yet persisted; the caller persists it in its own transaction. */
    public Client newClient(UUID tenantId, String name, List<String> roles, String secret) {
        return newClientWithHash(tenantId, name, roles, Secrets.hash(secret));
    }

    /** As {@link #newClient}, with a secret known only by its stored hash (a bundle's, on import). */
    public Client newClientWithHash(UUID tenantId, String name, List<String> roles, byte[] secretHash) {
        Instant now = Clock.now();
        Client client = new Client();
        client.id = UUID.randomUUID();
        client.clientId = Secrets.randomToken(CLIENT_ID_BYTES);
        client.tenantId = tenantId;
        client.name = name.strip();
        client.roles = roles.toArray(String[]::new);
        client.secretHash = secretHash;
        client.createdAt = now;
        client.updatedAt = now;
        return client;
    }

    @WithTransaction
    public Uni<ClientResponse> update(UUID tenantId, String clientId, UpdateClientRequest request) {
        List<String> roles = request.roles() == null ? null : checkedRoles(tenantId, request.roles());
        return find(tenantId, clientId).map(client -> {
            if (request.name() != null) {
                client.name = request.name().strip();
            }
            if (roles != null) {
                client.roles = roles.toArray(String[]::new);
            }
            client.updatedAt = Clock.now();
            return ClientResponse.from(client);
        }).call(() -> events.succeeded(Map.of("clientId", clientId)));
    }

    /** Deletes the client and revokes every token it was issued. */
    public Uni<Void> delete(UUID tenantId, String clientId) {
        RevokedTokens.Revocation revocation = revokedTokens.client(clientId);
        return deleteRevoking(tenantId, clientId, revocation).invoke(() -> revokedTokens.applied(revocation));
    }

    @WithTransaction
    Uni<Void> deleteRevoking(UUID tenantId, String clientId, RevokedTokens.Revocation revocation) {
        return find(tenantId, clientId).flatMap(clients::delete)
                .call(() -> revokedTokens.writeInTransaction(revocation))
                .call(() -> events.succeeded(Map.of("clientId", clientId)));
    }

    /**
     * A new secret, shown once. The old one keeps working beside it for {@code previousSecretExpiresInSeconds}
     * (absent or 0: it stops as soon as this commits); with {@code revokeTokens}, every token issued so far is revoked.
     */
    public Uni<ClientResponse> rotateSecret(UUID tenantId, String clientId, RotateClientSecretRequest request) {
        long overlapSeconds = request == null || request.previousSecretExpiresInSeconds() == null
                ? 0 : request.previousSecretExpiresInSeconds();
        RevokedTokens.Revocation revocation = request != null && Boolean.TRUE.equals(request.revokeTokens())
                ? revokedTokens.client(clientId) : null;
        return replaceSecret(tenantId, clientId, Duration.ofSeconds(overlapSeconds), revocation).invoke(() -> {
            if (revocation != null) {
                revokedTokens.applied(revocation);
            }
        });
    }

    @WithTransaction
    Uni<ClientResponse> replaceSecret(UUID tenantId, String clientId, Duration overlap, RevokedTokens.Revocation revocation) {
        String secret = Secrets.newSecret();
        return find(tenantId, clientId).map(client -> {
            Instant now = Clock.now();
            client.previousSecretHash = overlap.isZero() ? null : client.secretHash;
            client.previousSecretExpiresAt = overlap.isZero() ? null : now.plus(overlap);
            client.secretHash = Secrets.hash(secret);
            client.updatedAt = now;
            return ClientResponse.withSecret(client, secret);
        }).call(() -> revocation == null ? Uni.createFrom().voidItem() : revokedTokens.writeInTransaction(revocation))
                .call(() -> events.succeeded(Map.of("clientId", clientId, "revokeTokens", revocation != null)));
    }

    /** Ends a rotation's overlap early: only the current secret works from now on. */
    @WithTransaction
    public Uni<Void> deletePreviousSecret(UUID tenantId, String clientId) {
        return find(tenantId, clientId).invoke(client -> {
            if (client.previousSecretHash != null) {
                client.previousSecretHash = null;
                client.previousSecretExpiresAt = null;
                client.updatedAt = Clock.now();
            }
        }).call(() -> events.succeeded(Map.of("clientId", clientId))).replaceWithVoid();
    }

    /** The roles, de-duplicated, each of which must exist in the scope; else a 400 naming every bad one. */
    public static List<String> checkedRoles(UUID tenantId, List<String> roles) {
        Roles.Scope scope = tenantId == null ? Roles.Scope.PLATFORM : Roles.Scope.TENANT;
        List<ErrorDetail> invalid = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            if (role == null || Roles.find(role, scope).isEmpty()) {
                invalid.add(ErrorDetail.body("roles[" + i + "]", role,
                        "Unknown " + scope.name().toLowerCase() + " role; see GET /v1/roles"));
            }
        }
        if (!invalid.isEmpty()) {
            throw ApiException.validation("Request is invalid", invalid);
        }
        return List.copyOf(new LinkedHashSet<>(roles));
    }

    private Uni<Client> find(UUID tenantId, String clientId) {
        return clients.findInScope(tenantId, clientId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Client"));
    }
}
