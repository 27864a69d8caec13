package io.landlord.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Client secrets: 256 bits from a CSPRNG behind a recognisable prefix (so secret scanners find leaked ones),
 * stored only as their SHA-256 (a slow hash adds nothing for 256 random bits), compared in constant time.
 */
public final class Secrets {

    public static final String SECRET_PREFIX = "llsec_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {
    }

    public static String newSecret() {
        return SECRET_PREFIX + randomToken(32);
    }

    /** A random identifier of {@code bytes} random bytes, base64url, e.g. for client ids. */
    public static String randomToken(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return ENCODER.encodeToString(raw);
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    public static boolean matches(String presented, byte[] storedHash) {
        return MessageDigest.isEqual(hash(presented), storedHash);
    }
}
