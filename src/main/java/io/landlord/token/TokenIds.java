package io.landlord.token;

import java.util.UUID;

/**
 * Token ids ({@code jti}) are version-7 UUIDs: random, with the issuing millisecond in their first 48 bits, so a
 * client-wide revocation can tell a token issued just before it from one issued just after, within one second.
 */
final class TokenIds {

    private TokenIds() {
    }

    static String newJti(long nowMillis) {
        UUID random = UUID.randomUUID();
        long high = (nowMillis << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(high, random.getLeastSignificantBits()).toString();
    }

    /** The millisecond a token was issued: from a version-7 jti, else its {@code iat} second. */
    static long issuedAtMillis(String jti, long issuedAtSecond) {
        try {
            UUID id = UUID.fromString(jti);
            if (id.version() == 7) {
                return id.getMostSignificantBits() >>> 16;
            }
        } catch (IllegalArgumentException notUuid) {
            // fall through to iat
        }
        return issuedAtSecond * 1000;
    }
}
