package io.landlord.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Landlord-Signature: v1=<hex HMAC-SHA256>}, keyed with the webhook's secret (the whole {@code whsec_…}
 * string, UTF-8) over {@code <Landlord-Timestamp> "." <body bytes>}; while a rotated-out secret still signs, a
 * second {@code ,v1=…} follows. A receiver recomputes it, accepts a match with any, compares in constant time, and
 * rejects old timestamps (replays).
 */
final class WebhookSigner {

    static final String VERSION = "v1=";

    private WebhookSigner() {
    }

    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return VERSION + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
