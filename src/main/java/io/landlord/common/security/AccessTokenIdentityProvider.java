package io.landlord.common.security;

import io.landlord.common.error.ApiException;
import io.landlord.token.AccessTokens;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Permission;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Turns a verified access token into the caller's identity: principal = client id, roles, and the token's
 * permissions, which {@code @PermissionsAllowed("tenants:read")} checks (name "tenants", action "read").
 * Verification is CPU-only (no I/O), so it runs on the calling thread.
 */
@ApplicationScoped
public class AccessTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** Identity attribute holding the tenant id of a tenant client's token (absent for management clients). */
    public static final String TENANT_ID = "landlord.tenantId";

    private final AccessTokens accessTokens;
    private final LockedTenants lockedTenants;
    /**
     * The permission check of each set of granted permissions, made once: tokens of clients with the same roles carry
     * the same set, and there are only as many sets as role combinations.
     */
    private final Map<List<String>, Function<Permission, Uni<Boolean>>> checkers = new ConcurrentHashMap<>();

    public AccessTokenIdentityProvider(AccessTokens accessTokens, LockedTenants lockedTenants) {
        this.accessTokens = accessTokens;
        this.lockedTenants = lockedTenants;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        AccessTokens.VerifiedToken token;
        try {
            token = accessTokens.verify(request.getToken().getToken());
        } catch (AccessTokens.InvalidAccessTokenException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        if (token.tenantId() != null && lockedTenants.isDeleted(token.tenantId())) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        if (token.tenantId() != null && lockedTenants.isLocked(token.tenantId())) {
            return Uni.createFrom().failure(new ApiException(403, "TenantLocked",
                    "The tenant is locked; its clients' tokens are refused until it is unlocked", List.of()));
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(token.clientId()))
                .addRoles(new java.util.HashSet<>(token.roles()))
                .addCredential(request.getToken())
                .addPermissionChecker(checkers.computeIfAbsent(token.permissions(), AccessTokenIdentityProvider::checker));
        if (token.tenantId() != null) {
            identity.addAttribute(TENANT_ID, token.tenantId());
        }
        return Uni.createFrom().item(identity.build());
    }

    private static Function<Permission, Uni<Boolean>> checker(List<String> permissions) {
        List<Permission> granted = permissions.stream().map(AccessTokenIdentityProvider::toPermission).toList();
        Uni<Boolean> yes = Uni.createFrom().item(true);
        Uni<Boolean> no = Uni.createFrom().item(false);
        return required -> granted.stream().anyMatch(p -> p.implies(required)) ? yes : no;
    }

    private static Permission toPermission(String permission) {
        int colon = permission.indexOf(':');
        return colon < 0
                ? new StringPermission(permission)
                : new StringPermission(permission.substring(0, colon), permission.substring(colon + 1));
    }
}
