package io.landlord.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

/**
 * The production start: it refuses to start when a required setting is missing, naming it in the log, and it starts
 * with the AOT cache the packaged tests trained, or without it, saying so once.
 */
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
        ProcessBuilder builder = PackagedInstance.processBuilder(List.of("-Dquarkus.http.port=0"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
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
    void the_packaged_jar_starts_with_the_aot_cache_its_tests_trained() {
        assumeTrue(PackagedInstance.isJar());
        assertTrue(Files.isRegularFile(PackagedInstance.artifact().resolveSibling("app.aot")), "no app.aot next to the jar");
        try (PackagedInstance instance = PackagedInstance.start(database.productionEnvironment("http://localhost:1"))) {
            assertEquals(1, occurrences(instance.log(), "Started with the AOT cache"), instance.log());
            assertEquals(0, occurrences(instance.log(), "was not used"), instance.log());
        }
    }

    @Test
    void a_jvm_that_cannot_use_the_aot_cache_starts_without_it_and_says_so_once() {
        assumeTrue(PackagedInstance.isJar());
        // the cache was trained with compact object headers; a JVM without them cannot map it
        List<String> otherFlags = List.of("-XX:-UseCompactObjectHeaders");
        try (PackagedInstance instance = PackagedInstance.start(database.productionEnvironment("http://localhost:1"), otherFlags)) {
            String log = instance.log();
            assertEquals(1, occurrences(log, "was not used"), log);
            assertEquals(0, occurrences(log, "Started with the AOT cache"), log);
            assertFalse(log.contains("[aot]"), "the JVM's own lines about the cache are silenced:\n" + log);
        }
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void the_packaged_application_exists() {
        assertTrue(Files.isRegularFile(PackagedInstance.artifact()));
    }
}
