package io.landlord.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.common.config.InvalidConfigurationException;
import io.landlord.common.config.LandlordConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading signing keys, without starting the application. */
class SigningKeysTest {

    @TempDir
    Path dir;

    private static LandlordConfig config(Optional<String> keysFile, Optional<String> activeKid, boolean ephemeralAllowed) {
        return new LandlordConfig() {
            public String issuer() { return "https://landlord.example"; }
            public String managementAudience() { return issuer(); }
            public Token token() { return () -> Duration.ofHours(4); }
            public Database database() { throw new UnsupportedOperationException(); }
            public Operations operations() { throw new UnsupportedOperationException(); }
            public Locks locks() { throw new UnsupportedOperationException(); }
            public Usage usage() { throw new UnsupportedOperationException(); }
            public Webhooks webhooks() { throw new UnsupportedOperationException(); }
            public Bootstrap bootstrap() { throw new UnsupportedOperationException(); }
            public Signing signing() {
                return new Signing() {
                    public Optional<String> keysFile() { return keysFile; }
                    public Optional<String> activeKid() { return activeKid; }
                };
            }
            public Optional<String> encryptionKey() { return Optional.empty(); }
            public Optional<String> environmentsFile() { return Optional.empty(); }
            public boolean allowEphemeralKeys() { return ephemeralAllowed; }
        };
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static String jwks(PublicJsonWebKey... keys) {
        return new JsonWebKeySet(List.of(keys)).toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    }

    @Test
    void without_a_key_file_and_without_dev_mode_loading_fails_naming_the_variable() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> new SigningKeys(config(Optional.empty(), Optional.empty(), false)));
        assertTrue(e.getMessage().contains("LANDLORD_SIGNING_KEYS_FILE"));
    }

    @Test
    void two_keys_are_both_published_and_the_chosen_one_is_active() throws Exception {
        PublicJsonWebKey ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        ec.setKeyId("old-ec");
        PublicJsonWebKey rsa = RsaJwkGenerator.generateJwk(2048);
        rsa.setKeyId("new-rsa");
        Path file = write("keys.json", jwks(ec, rsa));

        SigningKeys keys = new SigningKeys(config(Optional.of(file.toString()), Optional.of("new-rsa"), false));

        assertEquals("new-rsa", keys.active().kid());
        assertEquals("RS256", keys.active().algorithm());
        assertEquals("ES256", keys.byKid("old-ec").algorithm());
        JsonWebKeySet published = new JsonWebKeySet(keys.publicJwks());
        assertEquals(2, published.getJsonWebKeys().size());
        assertFalse(keys.publicJwks().contains("\"d\""), "private parts must not be published");
    }

    @Test
    void the_first_key_is_active_by_default() throws Exception {
        PublicJsonWebKey first = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        first.setKeyId("first");
        PublicJsonWebKey second = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        second.setKeyId("second");
        Path file = write("keys.json", jwks(first, second));
        assertEquals("first", new SigningKeys(config(Optional.of(file.toString()), Optional.empty(), false)).active().kid());
    }

    @Test
    void an_active_kid_missing_from_the_file_is_refused() throws Exception {
        PublicJsonWebKey ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        ec.setKeyId("only");
        Path file = write("keys.json", jwks(ec));
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> new SigningKeys(config(Optional.of(file.toString()), Optional.of("absent"), false)));
        assertTrue(e.getMessage().contains("LANDLORD_SIGNING_ACTIVE_KID"));
    }

    @Test
    void a_public_key_alone_is_refused() throws Exception {
        PublicJsonWebKey ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        Path file = write("keys.json", new JsonWebKeySet(List.of(ec)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        assertThrows(InvalidConfigurationException.class,
                () -> new SigningKeys(config(Optional.of(file.toString()), Optional.empty(), false)));
    }

    @Test
    void a_short_rsa_key_is_refused() throws Exception {
        PublicJsonWebKey rsa = RsaJwkGenerator.generateJwk(1024);
        Path file = write("keys.json", jwks(rsa));
        assertThrows(InvalidConfigurationException.class,
                () -> new SigningKeys(config(Optional.of(file.toString()), Optional.empty(), false)));
    }

    @Test
    void an_openssl_pkcs8_ec_key_is_read_with_its_public_half() throws Exception {
        Process openssl = new ProcessBuilder("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256")
                .redirectErrorStream(true).start();
        String pem = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, openssl.waitFor());
        Path file = write("key.pem", pem);

        SigningKeys keys = new SigningKeys(config(Optional.of(file.toString()), Optional.empty(), false));

        assertEquals("ES256", keys.active().algorithm());
        assertNotNull(keys.active().jwk().getPublicKey());
        String token = io.smallrye.jwt.build.Jwt.claims().subject("x").jws().keyId(keys.active().kid())
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.ES256).sign(keys.active().privateKey());
        org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(keys.active().jwk().getPublicKey());
        assertTrue(jws.verifySignature(), "the derived public key verifies what the private key signed");
    }

    @Test
    void a_sec1_pem_key_is_refused_with_the_conversion_command() throws Exception {
        Path file = write("key.pem", "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> new SigningKeys(config(Optional.of(file.toString()), Optional.empty(), false)));
        assertTrue(e.getMessage().contains("pkcs8"));
    }
}
