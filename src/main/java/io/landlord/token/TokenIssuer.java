package io.landlord.token;

import io.landlord.common.config.LandlordConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/** Signs access tokens with the active key. */
@Singleton
public class TokenIssuer {

    /** A signed token and its lifetime in seconds. */
    public record IssuedToken(String accessToken, long expiresIn) {
    }

    private final SigningKeys keys;
    private final String issuer;
    private final long lifetimeSeconds;

    public TokenIssuer(SigningKeys keys, LandlordConfig config) {
        this.keys = keys;
        this.issuer = config.issuer();
        this.lifetimeSeconds = config.token().lifetime().toSeconds();
    }

    /**
     * @param tenantId null for a management client
     */
    public IssuedToken issue(String clientId, String audience, List<String> roles, List<String> permissions, UUID tenantId) {
        SigningKeys.SigningKey key = keys.active();
        long nowMillis = System.currentTimeMillis();
        long now = nowMillis / 1000;
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(issuer)
                .subject(clientId)
                .audience(audience)
                .issuedAt(now)
                .expiresAt(now + lifetimeSeconds)
                .claim("jti", TokenIds.newJti(nowMillis))
                .claim("roles", roles)
                .claim("permissions", permissions);
        if (tenantId != null) {
            claims.claim(AccessTokens.TENANT_ID_CLAIM, tenantId.toString());
        }
        String token = claims.jws()
                .keyId(key.kid())
                .algorithm(SignatureAlgorithm.fromAlgorithm(key.algorithm()))
                .sign(key.privateKey());
        return new IssuedToken(token, lifetimeSeconds);
    }
}
