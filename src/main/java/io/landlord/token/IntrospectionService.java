package io.landlord.token;

import io.landlord.client.ClientCredentials;
import io.landlord.client.ClientRepository;
import io.landlord.common.config.LandlordConfig;
import io.landlord.common.error.OAuthException;
import io.landlord.common.security.Permissions;
import io.landlord.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;

/**
 * Token introspection (RFC 7662). A management client holding {@code tokens:introspect} may introspect any token; a
 * tenant client only its own tenant's (any other is inactive to it). A token is active when it verifies, is not
 * revoked, and its client still exists in an unlocked tenant: this last check reads the database, so a deleted
 * client's or tenant's token is inactive at once.
 */
@ApplicationScoped
public class IntrospectionService {

    private final ClientAuthenticator authenticator;
    private final AccessTokens accessTokens;
    private final ClientRepository clients;
    private final String issuer;

    public IntrospectionService(ClientAuthenticator authenticator, AccessTokens accessTokens, ClientRepository clients,
            LandlordConfig config) {
        this.authenticator = authenticator;
        this.accessTokens = accessTokens;
        this.clients = clients;
        this.issuer = config.issuer();
    }

    public Uni<IntrospectionResponse> introspect(OAuthRequest request, String clientAddress) {
        String token = request.token();
        return authenticator.authenticate(request, clientAddress).flatMap(caller -> {
            if (caller.isManagement() && !Roles.permissionsOf(caller.roles()).contains(Permissions.TOKENS_INTROSPECT)) {
                throw OAuthException.unauthorizedClient("Introspection needs the permission " + Permissions.TOKENS_INTROSPECT);
            }
            AccessTokens.VerifiedToken verified = accessTokens.verifiedOrNull(token);
            if (verified == null || !caller.isManagement() && !Objects.equals(caller.tenantId(), verified.tenantId())) {
                return Uni.createFrom().item(IntrospectionResponse.INACTIVE);
            }
            return clients.findCredentials(verified.clientId()).map(owner -> isLive(owner, verified)
                    ? IntrospectionResponse.active(verified, issuer)
                    : IntrospectionResponse.INACTIVE);
        });
    }

    /** The token's client still exists, in the token's tenant, and that tenant is not locked. */
    private static boolean isLive(ClientCredentials owner, AccessTokens.VerifiedToken token) {
        return owner != null && Objects.equals(owner.tenantId(), token.tenantId()) && !owner.tenantLocked();
    }
}
