package io.landlord.packaged;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.EmbeddedDatabase;
import io.landlord.support.PackagedInstance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The production profile refuses to start when a required setting is missing, naming it in the log. */
class ProductionStartupIT {

    private static EmbeddedDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = EmbeddedDatabase.start();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    private static String startExpectingFailure(Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile("landlord-startup-", ".log");
        ProcessBuilder builder = new ProcessBuilder(PackagedInstance.command(List.of("-Dquarkus.http.port=0")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LANDLORD_") || name.startsWith("QUARKUS_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertTrue(exited, "the application should stop by itself");
        assertNotEquals(0, process.exitValue());
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = { "LANDLORD_SIGNING_KEYS_FILE", "LANDLORD_ENCRYPTION_KEY", "LANDLORD_DB_HOST" })
    void without_a_required_variable_the_production_start_fails_naming_it(String variable) throws Exception {
        Map<String, String> env = database.productionEnvironment("http://localhost:1");
        env.remove(variable);
        String output = startExpectingFailure(env);
        assertTrue(output.contains(variable), output);
    }

    @Test
    void the_packaged_application_exists() {
        assertTrue(Files.isRegularFile(PackagedInstance.artifact()));
    }
}
