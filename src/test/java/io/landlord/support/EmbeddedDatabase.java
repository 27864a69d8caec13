package io.landlord.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * A real PostgreSQL on a free port with a temporary data directory (zonky binaries; works as root), and the
 * production environment variables a packaged Landlord needs to run against it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    private EmbeddedDatabase(Path dataDirectory, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.port = postgres.getPort();
    }

    public static EmbeddedDatabase start() {
        try {
            Path dataDirectory = Files.createTempDirectory("landlord-pg-");
            return new EmbeddedDatabase(dataDirectory, builder(dataDirectory).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data directory is ours: stopping keeps it, so the server can start again on it with the same data. */
    private static EmbeddedPostgres.Builder builder(Path dataDirectory) {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false);
    }

    /** Stops the server, as an outage would; its data stays for {@link #restart}. */
    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the stopped server again, on the same port with the same data. */
    public void restart() {
        try {
            postgres = builder(dataDirectory).setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The LANDLORD_* variables of a production start against this database, with a fresh signing key file. */
    public Map<String, String> productionEnvironment(String issuer) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LANDLORD_DB_HOST", "localhost");
        env.put("LANDLORD_DB_PORT", String.valueOf(port()));
        env.put("LANDLORD_DB_NAME", "postgres");
        env.put("LANDLORD_DB_USER", "postgres");
        env.put("LANDLORD_DB_PASSWORD", "postgres");
        env.put("LANDLORD_ISSUER", issuer);
        env.put("LANDLORD_BOOTSTRAP_CLIENT_ID", TestTokens.ADMIN_CLIENT_ID);
        env.put("LANDLORD_BOOTSTRAP_CLIENT_SECRET", TestTokens.ADMIN_CLIENT_SECRET);
        env.put("LANDLORD_SIGNING_KEYS_FILE", writeSigningKeys().toString());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        env.put("LANDLORD_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
        env.put("LANDLORD_ENVIRONMENTS_FILE", writeEnvironments().toString());
        return env;
    }

    /** The sample environments as a file: a native executable holds no such classpath resource. */
    private static Path writeEnvironments() {
        try (InputStream in = EmbeddedDatabase.class.getResourceAsStream("/dev-environments.json")) {
            Path file = Files.createTempFile("landlord-environments-", ".json");
            file.toFile().deleteOnExit();
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeSigningKeys() {
        try {
            EllipticCurveJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            jwk.setKeyId("it-" + System.nanoTime());
            Path file = Files.createTempFile("landlord-signing-", ".jwks.json");
            file.toFile().deleteOnExit();
            Files.writeString(file, new JsonWebKeySet(List.of(jwk)).toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
                    StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
