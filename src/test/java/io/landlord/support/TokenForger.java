package io.landlord.support;

import io.landlord.token.SigningKeys;
import java.security.Key;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/** Builds tokens by hand, so tests can present expired, misaddressed or forged ones. */
public final class TokenForger {

    private TokenForger() {
    }

    /** Claims of a valid management token for the test admin; tests then spoil one of them. */
    public static JwtClaims validClaims(String issuer, String audience, List<String> permissions) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(TestTokens.ADMIN_CLIENT_ID);
        claims.setAudience(audience);
        claims.setIssuedAtToNow();
        NumericDate exp = NumericDate.now();
        exp.addSeconds(600);
        claims.setExpirationTime(exp);
        claims.setGeneratedJwtId();
        claims.setStringListClaim("roles", List.of("platform-admin"));
        claims.setStringListClaim("permissions", permissions);
        return claims;
    }

    public static String sign(JwtClaims claims, SigningKeys.SigningKey key) {
        return sign(claims, key.algorithm(), key.privateKey(), key.kid());
    }

    public static String sign(JwtClaims claims, String algorithm, Key key, String kid) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        if (AlgorithmIdentifiers.NONE.equals(algorithm)) {
            jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        } else {
            jws.setKey(key);
            jws.setDoKeyValidation(false);
        }
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
