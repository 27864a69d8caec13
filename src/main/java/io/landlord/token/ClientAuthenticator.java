package io.landlord.token;

import io.landlord.client.ClientCredentials;
import io.landlord.client.ClientRepository;
import io.landlord.common.crypto.Secrets;
import io.landlord.common.error.OAuthException;
import io.landlord.event.EventRecorder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Authenticates the client calling an OAuth endpoint (token, introspection, revocation) by its id and secret. */
@ApplicationScoped
public class ClientAuthenticator {

    /**
     * Compared against when the client is unknown, so an unknown id costs the same time as a wrong secret. Made with
     * the bean at run time: no random value is fixed into a native image.
     */
    private final byte[] noClientHash = Secrets.hash(Secrets.newSecret());
    private final ClientRepository clients;
    private final ClientAuthThrottle throttle;
    private final EventRecorder events;

    public ClientAuthenticator(ClientRepository clients, ClientAuthThrottle throttle, EventRecorder events) {
        this.clients = clients;
        this.throttle = throttle;
        this.events = events;
    }

    /**
     * The client, or {@code invalid_client} (401) for missing credentials, an unknown client or a wrong secret; a 429
     * while the client id is locked out at {@code clientAddress} (see {@link ClientAuthThrottle}).
     */
    Uni<ClientCredentials> authenticate(OAuthRequest request, String clientAddress) {
        if (request.clientId() == null || request.clientSecret() == null) {
            return Uni.createFrom().failure(OAuthException.invalidClient(
                    "Client authentication is required (client_id and client_secret, or HTTP Basic)", request.basicAuth()));
        }
        return throttle.admit(request.clientId(), clientAddress).flatMap(standing -> clients.findCredentials(request.clientId())
                .flatMap(client -> {
                    if (client != null) {
                        // The audit trail names a known client even when its secret is wrong: repeated failures show.
                        events.describe(client.clientId(), client.tenantId());
                    }
                    if (!secretMatches(request.clientSecret(), client)) {
                        return throttle.failed(standing).flatMap(notLockedOut -> Uni.createFrom().failure(
                                OAuthException.invalidClient("Client authentication failed", request.basicAuth())));
                    }
                    return throttle.succeeded(standing).replaceWith(client);
                }));
    }

    /** The current secret, or the previous one during a rotation's overlap; both compared, in constant time. */
    private boolean secretMatches(String presented, ClientCredentials client) {
        boolean current = Secrets.matches(presented, client == null ? noClientHash : client.secretHash());
        boolean previous = Secrets.matches(presented, client == null || client.previousSecretHash() == null
                ? noClientHash : client.previousSecretHash());
        return client != null && (current | previous);
    }
}
