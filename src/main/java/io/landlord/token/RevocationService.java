package io.landlord.token;

import io.landlord.common.error.OAuthException;
import io.landlord.common.security.Permissions;
import io.landlord.common.security.RevokedTokens;
import io.landlord.common.security.Roles;
import io.landlord.event.EventRecorder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Token revocation (RFC 7009), by the client the token was issued to or by a management client holding
 * {@code tokens:revoke}. A token that is not valid (unknown, forged, expired, already revoked) is answered as revoked:
 * there is nothing left to do (RFC 7009 §2.2).
 */
@ApplicationScoped
public class RevocationService {

    private final ClientAuthenticator authenticator;
    private final AccessTokens accessTokens;
    private final RevokedTokens revoked;
    private final EventRecorder events;
    private final Pool pool;

    public RevocationService(ClientAuthenticator authenticator, AccessTokens accessTokens, RevokedTokens revoked,
            EventRecorder events, Pool pool) {
        this.authenticator = authenticator;
        this.accessTokens = accessTokens;
        this.revoked = revoked;
        this.events = events;
        this.pool = pool;
    }

    public Uni<Void> revoke(OAuthRequest request, String clientAddress) {
        String token = request.token();
        return authenticator.authenticate(request, clientAddress).flatMap(caller -> {
            AccessTokens.VerifiedToken verified = accessTokens.verifiedOrNull(token);
            if (verified == null) {
                return pool.withTransaction(tx -> events.succeededOn(tx, Map.of("revoked", false)));
            }
            boolean own = verified.clientId().equals(caller.clientId());
            if (!own && !(caller.isManagement() && Roles.permissionsOf(caller.roles()).contains(Permissions.TOKENS_REVOKE))) {
                throw OAuthException.unauthorizedClient("Only the client the token was issued to, or a management client with "
                        + Permissions.TOKENS_REVOKE + ", may revoke it");
            }
            RevokedTokens.Revocation revocation = RevokedTokens.token(verified.jti(), verified.expiresAt());
            return pool.withTransaction(tx -> revoked.write(tx, revocation)
                    .call(() -> events.succeededOn(tx, Map.of("revoked", true, "jti", verified.jti(), "clientId", verified.clientId()))))
                    .invoke(() -> revoked.applied(revocation));
        });
    }
}
