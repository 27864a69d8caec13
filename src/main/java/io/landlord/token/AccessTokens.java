package io.landlord.token;

import io.landlord.common.config.LandlordConfig;
import io.landlord.common.security.RevokedTokens;
import jakarta.inject.Singleton;
import java.security.Key;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies the access tokens this service issued: signature by a published key (kid), ES256 or RS256 only
 * (so {@code none} and HMAC-with-the-public-key are refused), issuer, expiry, not-before/issued-at, audience, and
 * that it is not revoked.
 */
@Singleton
public class AccessTokens {

    public static final String TENANT_ID_CLAIM = "tenant_id";
    private static final int CLOCK_SKEW_SECONDS = 30;

    /**
     * What a verified token says about its bearer; {@code issuedAtMillis} is when it was issued, to the millisecond
     * where its jti says so (else its {@code iat} second).
     */
    public record VerifiedToken(String clientId, List<String> roles, List<String> permissions, UUID tenantId, List<String> audience,
            String jti, long issuedAt, long expiresAt, long issuedAtMillis) {
    }

    /**
     * Tokens already verified, so a client reusing its token (the norm) costs a map lookup instead of an ECDSA
     * verification. Only tokens that passed verification enter; each entry is honoured until its own expiry.
     */
    private static final int CACHE_CAPACITY = 20_000;
    private final Map<String, CachedToken> verified = new ConcurrentHashMap<>();

    private record CachedToken(VerifiedToken token, long expiresAtSecond) {
    }

    private final JwtConsumer consumer;
    private final String managementAudience;
    private final RevokedTokens revoked;

    public AccessTokens(SigningKeys keys, LandlordConfig config, RevokedTokens revoked) {
        this.revoked = revoked;
        this.managementAudience = config.managementAudience();
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setRequireJwtId()
                .setIssuedAtRestrictions(CLOCK_SKEW_SECONDS, Integer.MAX_VALUE)
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setExpectedIssuer(config.issuer())
                .setSkipDefaultAudienceValidation()
                .setVerificationKeyResolver((jws, nested) -> resolve(keys, jws))
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.RSA_USING_SHA256))
                .build();
    }

    /**
     * @throws InvalidAccessTokenException when the token is not one this service issued, still valid and not revoked
     */
    public VerifiedToken verify(String token) {
        VerifiedToken result = verifiedSignature(token);
        if (revoked.isRevoked(result.jti(), result.clientId(), result.issuedAtMillis())) {
            throw new InvalidAccessTokenException();
        }
        return result;
    }

    /** As {@link #verify}, with null for a token that is not valid (introspection and revocation answer it, not refuse). */
    public VerifiedToken verifiedOrNull(String token) {
        try {
            return verify(token);
        } catch (InvalidAccessTokenException e) {
            return null;
        }
    }

    private VerifiedToken verifiedSignature(String token) {
        CachedToken cached = verified.get(token);
        if (cached != null) {
            if (cached.expiresAtSecond() > Instant.now().getEpochSecond()) {
                return cached.token();
            }
            verified.remove(token);
        }
        return verifyAndRemember(token);
    }

    private VerifiedToken verifyAndRemember(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            List<String> audience = claims.getAudience();
            String tenantId = claims.getClaimValue(TENANT_ID_CLAIM, String.class);
            if (tenantId == null && !audience.contains(managementAudience)) {
                throw new InvalidAccessTokenException();
            }
            long issuedAt = claims.getIssuedAt().getValue();
            VerifiedToken result = new VerifiedToken(claims.getSubject(),
                    stringList(claims, "roles"), stringList(claims, "permissions"),
                    tenantId == null ? null : UUID.fromString(tenantId), audience,
                    claims.getJwtId(), issuedAt, claims.getExpirationTime().getValue(),
                    TokenIds.issuedAtMillis(claims.getJwtId(), issuedAt));
            if (verified.size() >= CACHE_CAPACITY) {
                verified.clear();
            }
            verified.put(token, new CachedToken(result, result.expiresAt()));
            return result;
        } catch (InvalidJwtException | MalformedClaimException | IllegalArgumentException e) {
            throw new InvalidAccessTokenException();
        }
    }

    private static List<String> stringList(JwtClaims claims, String name) throws MalformedClaimException {
        return claims.hasClaim(name) ? claims.getStringListClaimValue(name) : List.of();
    }

    private static Key resolve(SigningKeys keys, JsonWebStructure jws) throws UnresolvableKeyException {
        SigningKeys.SigningKey key = jws.getKeyIdHeaderValue() == null ? null : keys.byKid(jws.getKeyIdHeaderValue());
        if (key == null) {
            throw new UnresolvableKeyException("unknown kid");
        }
        return key.jwk().getPublicKey();
    }

    /** A token that is malformed, forged, expired or meant for someone else. */
    public static class InvalidAccessTokenException extends RuntimeException {
        public InvalidAccessTokenException() {
            super("invalid access token", null, false, false);
        }
    }
}
