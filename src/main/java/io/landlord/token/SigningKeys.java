package io.landlord.token;

import io.landlord.common.config.ConfigFiles;
import io.landlord.common.config.InvalidConfigurationException;
import io.landlord.common.config.LandlordConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * The token signing keys: all configured keys are published (so tokens signed by a previous key still
 * verify during a rotation); one, the active key, signs. RSA keys sign RS256, P-256 keys ES256.
 */
@Startup
@Singleton
public class SigningKeys {

    private static final String SETTING = "landlord.signing.keys-file (LANDLORD_SIGNING_KEYS_FILE)";
    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    /** A signing key: its kid, JWS algorithm, private key and public JWK. */
    public record SigningKey(String kid, String algorithm, PrivateKey privateKey, PublicJsonWebKey jwk) {
    }

    private final Map<String, SigningKey> byKid;
    private final SigningKey active;
    private final String publicJwks;

    public SigningKeys(LandlordConfig config) {
        List<SigningKey> keys = config.signing().keysFile().isPresent()
                ? parse(ConfigFiles.read(SETTING, config.signing().keysFile().get()))
                : ephemeral(config.allowEphemeralKeys());
        this.byKid = new LinkedHashMap<>();
        for (SigningKey key : keys) {
            if (byKid.put(key.kid(), key) != null) {
                throw new InvalidConfigurationException(SETTING, "two keys share the kid " + key.kid());
            }
        }
        String activeKid = config.signing().activeKid().orElse(keys.get(0).kid());
        this.active = byKid.get(activeKid);
        if (active == null) {
            throw new InvalidConfigurationException("landlord.signing.active-kid (LANDLORD_SIGNING_ACTIVE_KID)",
                    "no key with kid " + activeKid + " in the signing keys file");
        }
        this.publicJwks = publish(keys);
        Log.infof("Token signing: %d key(s) published, active kid %s (%s)", keys.size(), active.kid(), active.algorithm());
    }

    public SigningKey active() {
        return active;
    }

    public SigningKey byKid(String kid) {
        return byKid.get(kid);
    }

    /** The JSON Web Key Set of the public halves, served at /.well-known/jwks.json. */
    public String publicJwks() {
        return publicJwks;
    }

    private static List<SigningKey> ephemeral(boolean allowed) {
        if (!allowed) {
            throw new InvalidConfigurationException(SETTING,
                    "required: a JSON Web Key Set or PEM file with the private signing key(s)");
        }
        try {
            EllipticCurveJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
            Log.warnf("No signing key configured: generated an ephemeral development key (kid %s); "
                    + "its tokens stop verifying at restart", jwk.getKeyId());
            return List.of(toSigningKey(jwk));
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot generate a development signing key", e);
        }
    }

    private static List<SigningKey> parse(String content) {
        String trimmed = content.trim();
        List<SigningKey> keys = trimmed.startsWith("{") ? parseJwks(trimmed) : parsePem(trimmed);
        if (keys.isEmpty()) {
            throw new InvalidConfigurationException(SETTING, "the file holds no private key");
        }
        return keys;
    }

    private static List<SigningKey> parseJwks(String json) {
        try {
            List<SigningKey> keys = new ArrayList<>();
            for (JsonWebKey jwk : new JsonWebKeySet(json).getJsonWebKeys()) {
                if (!(jwk instanceof PublicJsonWebKey key) || key.getPrivateKey() == null) {
                    throw new InvalidConfigurationException(SETTING, "every key must be an RSA or EC private key");
                }
                if (key.getKeyId() == null) {
                    key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
                }
                keys.add(toSigningKey(key));
            }
            return keys;
        } catch (JoseException e) {
            throw new InvalidConfigurationException(SETTING, "not a valid JSON Web Key Set");
        }
    }

    private static List<SigningKey> parsePem(String pem) {
        if (pem.contains("BEGIN EC PRIVATE KEY") || pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new InvalidConfigurationException(SETTING,
                    "PEM keys must be PKCS#8 (BEGIN PRIVATE KEY); convert with `openssl pkcs8 -topk8 -nocrypt`");
        }
        List<SigningKey> keys = new ArrayList<>();
        Matcher matcher = PEM_PRIVATE_KEY.matcher(pem);
        while (matcher.find()) {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
            try {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(publicKeyOf(der));
                jwk.setPrivateKey(privateKeyOf(der));
                jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
                keys.add(toSigningKey(jwk));
            } catch (GeneralSecurityException | JoseException e) {
                throw new InvalidConfigurationException(SETTING, "a PEM key could not be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        return keys;
    }

    private static PrivateKey privateKeyOf(byte[] der) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException notEc) {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }

    /**
     * The public half. For RSA it follows from the CRT key; for EC it is read from the optional publicKey field
     * that OpenSSL writes at the end of the PKCS#8 structure (BIT STRING 03 42 00 04 || X || Y for P-256).
     */
    private static PublicKey publicKeyOf(byte[] der) throws GeneralSecurityException {
        PrivateKey key = privateKeyOf(der);
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        ECPrivateKey ec = (ECPrivateKey) key;
        int n = der.length;
        if (n < 68 || der[n - 68] != 0x03 || der[n - 67] != 0x42 || der[n - 66] != 0x00 || der[n - 65] != 0x04) {
            throw new InvalidConfigurationException(SETTING,
                    "an EC PEM key must carry its public key (as `openssl genpkey` writes it)");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(der, n - 64, n - 32));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(der, n - 32, n));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), ec.getParams()));
    }

    private static SigningKey toSigningKey(PublicJsonWebKey jwk) {
        String algorithm;
        if (jwk instanceof RsaJsonWebKey rsa) {
            if (rsa.getRsaPublicKey().getModulus().bitLength() < 2048) {
                throw new InvalidConfigurationException(SETTING, "RSA keys must have at least 2048 bits");
            }
            algorithm = AlgorithmIdentifiers.RSA_USING_SHA256;
        } else if (jwk instanceof EllipticCurveJsonWebKey ec && EllipticCurves.P_256.equals(ec.getCurveName())) {
            algorithm = AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
        } else {
            throw new InvalidConfigurationException(SETTING, "only RSA (RS256) and P-256 (ES256) keys are supported");
        }
        jwk.setAlgorithm(algorithm);
        jwk.setUse("sig");
        return new SigningKey(jwk.getKeyId(), algorithm, jwk.getPrivateKey(), jwk);
    }

    private static String publish(List<SigningKey> keys) {
        List<JsonWebKey> publicKeys = new ArrayList<>();
        for (SigningKey key : keys) {
            try {
                publicKeys.add(JsonWebKey.Factory.newJwk(key.jwk().toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
            } catch (JoseException e) {
                throw new IllegalStateException("Cannot publish key " + key.kid(), e);
            }
        }
        return new JsonWebKeySet(publicKeys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
