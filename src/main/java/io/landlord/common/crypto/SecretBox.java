package io.landlord.common.crypto;

import io.landlord.common.config.InvalidConfigurationException;
import io.landlord.common.config.LandlordConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM for secrets kept at rest (one-time results, IdP client secrets): random 96-bit nonce prefixed. */
@Startup
@Singleton
public class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Created with the bean, at run time: a native image must not carry a generator seeded while it was built. */
    private final SecureRandom random = new SecureRandom();
    private final SecretKey key;

    public SecretBox(LandlordConfig config) {
        this.key = new SecretKeySpec(loadKey(config, random), "AES");
    }

    public byte[] seal(byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public byte[] open(byte[] box) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, box, 0, NONCE_BYTES));
            return cipher.doFinal(box, NONCE_BYTES, box.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed: wrong key or tampered data");
        }
    }

    private static byte[] loadKey(LandlordConfig config, SecureRandom random) {
        if (config.encryptionKey().isPresent()) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(config.encryptionKey().get().trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("landlord.encryption-key (LANDLORD_ENCRYPTION_KEY)", "not base64");
            }
            if (raw.length != 32) {
                throw new InvalidConfigurationException("landlord.encryption-key (LANDLORD_ENCRYPTION_KEY)",
                        "must be base64 of exactly 32 bytes, got " + raw.length);
            }
            return raw;
        }
        if (!config.allowEphemeralKeys()) {
            throw new InvalidConfigurationException("landlord.encryption-key (LANDLORD_ENCRYPTION_KEY)",
                    "required: base64 of 32 random bytes, e.g. `openssl rand -base64 32`");
        }
        Log.warn("No LANDLORD_ENCRYPTION_KEY: using an ephemeral development key; encrypted data will not survive a restart");
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return raw;
    }
}
