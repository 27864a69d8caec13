package io.landlord.token;

import io.landlord.client.ClientCredentials;
import io.landlord.common.config.LandlordConfig;
import io.landlord.common.error.OAuthException;
import io.landlord.common.security.Roles;
import io.landlord.usage.UsageMeter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The client_credentials grant: authenticate the client, check audience and scope, sign a token. */
@ApplicationScoped
public class TokenService {

    private static final String CLIENT_CREDENTIALS = "client_credentials";

    private final ClientAuthenticator authenticator;
    private final TokenIssuer issuer;
    private final UsageMeter usage;
    private final String managementAudience;

    public TokenService(ClientAuthenticator authenticator, TokenIssuer issuer, UsageMeter usage, LandlordConfig config) {
        this.authenticator = authenticator;
        this.issuer = issuer;
        this.usage = usage;
        this.managementAudience = config.managementAudience();
    }

    public Uni<TokenResponse> grant(OAuthRequest request, String clientAddress) {
        String grantType = request.param("grant_type");
        if (grantType == null) {
            return Uni.createFrom().failure(OAuthException.invalidRequest("grant_type is required"));
        }
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            return Uni.createFrom().failure(OAuthException.unsupportedGrantType("Only client_credentials is supported"));
        }
        return authenticator.authenticate(request, clientAddress).map(client -> issueFor(client, request));
    }

    /**
     * The grant for a client id and secret typed into a form (the console's sign-in), authenticated and throttled like
     * the token endpoint's.
     */
    public Uni<TokenResponse> grantClientCredentials(String clientId, String clientSecret, String clientAddress) {
        return grant(OAuthRequest.clientCredentials(clientId, clientSecret), clientAddress);
    }

    /**
     * A management client's token is addressed to the management audience; a tenant client's to its tenant's
     * URL, with a {@code tenant_id} claim. A locked tenant's clients get none.
     */
    private TokenResponse issueFor(ClientCredentials client, OAuthRequest request) {
        if (client.tenantLocked()) {
            throw OAuthException.clientNotAllowed("The client's tenant is locked");
        }
        if (!client.isManagement() && usage.overHardLimit(client.tenantId())) {
            throw OAuthException.clientNotAllowed("The client's tenant has used up its TRANSACTIONS entitlement");
        }
        String audience = client.isManagement() ? managementAudience : client.tenantUrl();
        String requested = request.param("audience");
        if (requested != null && !audience.equals(requested)) {
            throw OAuthException.invalidScope("audience must be " + audience + " for this client");
        }
        List<String> permissions = narrowToScope(Roles.permissionsOf(client.roles()), request.param("scope"));
        TokenIssuer.IssuedToken token = issuer.issue(client.clientId(), audience, client.roles(), permissions, client.tenantId());
        if (!client.isManagement()) {
            usage.countToken(client.tenantId());
        }
        return new TokenResponse(token.accessToken(), token.expiresIn(), "Bearer");
    }

    /** A {@code scope} narrows the token to those permissions; asking for one the client lacks is invalid_scope. */
    private static List<String> narrowToScope(List<String> granted, String scope) {
        if (scope == null || scope.isBlank()) {
            return granted;
        }
        Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
        if (!granted.containsAll(requested)) {
            throw OAuthException.invalidScope("scope asks for permissions this client does not have");
        }
        return List.copyOf(requested);
    }
}
