package io.landlord.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application started as a separate process in prod mode: an instance that can be killed, terminated
 * and restarted. It runs what the build produced (target/quarkus-artifact.properties): the fast jar, or the native
 * executable after {@code -Dnative}.
 */
public final class PackagedInstance implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedInstance(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static PackagedInstance start(Map<String, String> env) {
        return start(env, List.of());
    }

    /** Starts the packaged application with these extra JVM flags (for a jar; a native executable takes them as settings). */
    public static PackagedInstance start(Map<String, String> env, List<String> jvmFlags) {
        try {
            int port = freePort();
            Path log = Files.createTempFile("landlord-instance-", ".log");
            ProcessBuilder builder = processBuilder(jvmFlags).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            PackagedInstance instance = new PackagedInstance(builder.start(), port, log);
            instance.awaitReady();
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged application the build produced: the fast jar's quarkus-run.jar, or the native executable. */
    public static Path artifact() {
        return Path.of("target").resolve(artifactProperties().getProperty("path"));
    }

    /**
     * A process of the packaged application with these JVM flags (e.g. {@code -Dname=value}), its environment cleared
     * of Landlord and Quarkus settings: the jar through its launcher (target/quarkus-app/landlord, with the JVM flags
     * and the AOT cache an operator's start gets, on this test's JDK), or the native executable with the flags as its
     * settings.
     */
    public static ProcessBuilder processBuilder(List<String> jvmFlags) {
        boolean nativeExecutable = artifactProperties().getProperty("type", "").startsWith("native");
        List<String> command = new ArrayList<>();
        command.add(nativeExecutable ? artifact().toString() : artifact().resolveSibling("landlord").toString());
        if (nativeExecutable) {
            command.addAll(jvmFlags);
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("LANDLORD_") || name.startsWith("QUARKUS_"));
        if (!nativeExecutable) {
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS", String.join(" ", jvmFlags));
        }
        return builder;
    }

    /** Whether the build packaged a jar (with its launcher and AOT cache) rather than a native executable. */
    public static boolean isJar() {
        return !artifactProperties().getProperty("type", "").startsWith("native");
    }

    private static Properties artifactProperties() {
        Properties artifact = new Properties();
        try (var in = Files.newInputStream(Path.of("target", "quarkus-artifact.properties"))) {
            artifact.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no packaged application: build it first (./mvnw package)", e);
        }
        return artifact;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** What the instance has logged so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends SIGTERM, as a container runtime does to stop an instance, without waiting. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end by itself; its exit code, or an assertion error if it is still running. */
    public int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("instance still running " + within + " after SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    /** Ends the process at once, as a crash would: no graceful shutdown. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    private void awaitReady() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("instance exited during start:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        kill();
        throw new IllegalStateException("instance not ready within 90 s:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
