package io.landlord.packaged;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.EmbeddedDatabase;
import io.landlord.support.PackagedInstance;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SIGTERM, as a container runtime sends it, stops an instance without losing what it was doing. */
class GracefulShutdownIT {

    /** quarkus.shutdown.timeout (20 s) for requests in flight, as long again for running operations, and a margin. */
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(45);
    private static final String STATUS_COUNT = "SELECT count(*) FROM operations WHERE request->>'subdomain' LIKE ? AND status = ?";

    private static EmbeddedDatabase database;
    private static Map<String, String> env;

    @BeforeAll
    static void startDatabase() {
        database = EmbeddedDatabase.start();
        env = database.productionEnvironment("http://localhost:1");
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    private static Connection sql() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + database.port() + "/postgres", "postgres", "postgres");
    }

    private static long count(String query, String... params) throws SQLException {
        try (Connection c = sql(); PreparedStatement s = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static String token(PackagedInstance instance, String clientId, String secret) {
        return given().baseUri(instance.baseUrl()).contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + secret + "\"}")
                .when().post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }

    private static String adminToken(PackagedInstance instance) {
        return token(instance, TestTokens.ADMIN_CLIENT_ID, TestTokens.ADMIN_CLIENT_SECRET);
    }

    /**
     * Whether the instance has begun to shut down: it answers what still reaches it but closes each connection after
     * the answer, or (later in the drain) no longer accepts new connections at all.
     */
    private static boolean shuttingDown(PackagedInstance instance) throws Exception {
        try {
            return "close".equalsIgnoreCase(given().baseUri(instance.baseUrl()).when().get("/q/health/live").header("Connection"));
        } catch (Exception e) {
            if (e instanceof ConnectException) {
                return true;
            }
            throw e;
        }
    }

    /** The status line of the final response, past any interim 1xx ones (each a status line and an empty line). */
    private static String finalStatusLine(BufferedReader in) throws IOException {
        String line = in.readLine();
        while (line != null && line.startsWith("HTTP/1.1 1")) {
            in.readLine();
            line = in.readLine();
        }
        return line;
    }

    private static int status(PackagedInstance instance, String path) {
        return given().baseUri(instance.baseUrl()).when().get(path).then().extract().statusCode();
    }

    @Test
    void during_the_shutdown_delay_an_instance_reports_not_ready_yet_still_answers() throws Exception {
        Map<String, String> delayed = new HashMap<>(env);
        delayed.put("QUARKUS_SHUTDOWN_DELAY", "5s");
        try (PackagedInstance instance = PackagedInstance.start(delayed)) {
            String admin = adminToken(instance);
            instance.terminate();
            await().atMost(Duration.ofSeconds(4)).until(() -> status(instance, "/q/health/ready") == 503);
            given().baseUri(instance.baseUrl()).header("Authorization", "Bearer " + admin)
                    .when().get("/v1/environments").then().statusCode(200);
            assertEquals(143, instance.awaitExit(EXIT_WITHIN));
        }
    }

    @Test
    void a_request_in_flight_at_sigterm_is_answered_before_the_instance_exits() throws Exception {
        String subdomain = TestTenants.uniqueSubdomain("inflight");
        byte[] body = ("{\"subdomain\":\"" + subdomain + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        // The server's "100 Continue" says it has parsed the request and handed it on, so the request is in flight
        // when SIGTERM arrives (without it, SIGTERM could win the race against the server reading the headers).
        Map<String, String> continuing = new HashMap<>(env);
        continuing.put("QUARKUS_HTTP_HANDLE_100_CONTINUE_AUTOMATICALLY", "true");
        try (PackagedInstance instance = PackagedInstance.start(continuing);
                Socket socket = new Socket("localhost", instance.port())) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out.write(("POST /v1/tenants HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + adminToken(instance)
                    + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("HTTP/1.1 100 Continue", in.readLine());
            assertEquals("", in.readLine());
            out.write(body, 0, 10);
            out.flush();

            instance.terminate();
            await().atMost(Duration.ofSeconds(10)).until(() -> shuttingDown(instance));
            out.write(body, 10, body.length - 10);
            out.flush();

            assertEquals("HTTP/1.1 201 Created", finalStatusLine(in));
            assertEquals(143, instance.awaitExit(EXIT_WITHIN));
            assertTrue(instance.log().contains("stopped in"), instance.log());
        }
        assertEquals(1, count("SELECT count(*) FROM tenants WHERE subdomain = ?", subdomain));
    }

    @Test
    void operations_running_at_sigterm_finish_before_exit_and_the_waiting_ones_are_run_by_the_next_start() throws Exception {
        String prefix = "term-" + UUID.randomUUID().toString().substring(0, 8);
        try (PackagedInstance instance = PackagedInstance.start(env); Connection blocker = sql()) {
            // holds every tenant insert (reads and foreign-key checks pass), so the first operations are still running
            // when SIGTERM arrives
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE tenants IN SHARE MODE");
            String admin = adminToken(instance);
            for (int i = 0; i < 20; i++) {
                given().baseUri(instance.baseUrl()).header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                        .body("{\"subdomain\":\"" + prefix + "-" + i + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                        .when().post("/v1/async/tenants").then().statusCode(202);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> count(STATUS_COUNT, prefix + "-%", "RUNNING") == 8);

            instance.terminate();
            await().atMost(Duration.ofSeconds(20)).until(() -> instance.log().contains("waiting up to"));
            blocker.commit();
            assertEquals(143, instance.awaitExit(EXIT_WITHIN));
        }
        assertEquals(8, count(STATUS_COUNT, prefix + "-%", "SUCCEEDED"));
        assertEquals(12, count(STATUS_COUNT, prefix + "-%", "PENDING"));

        try (PackagedInstance restarted = PackagedInstance.start(env)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> count(STATUS_COUNT, prefix + "-%", "SUCCEEDED") == 20);
        }
        assertEquals(20, count("SELECT count(*) FROM tenants WHERE subdomain LIKE ?", prefix + "-%"));
    }

    @Test
    void tokens_counted_in_memory_are_written_to_usage_at_sigterm() throws Exception {
        Map<String, String> slowFlush = new HashMap<>(env);
        slowFlush.put("LANDLORD_USAGE_FLUSH_INTERVAL", "PT1H"); // only the shutdown writes the counts
        String tenantId;
        try (PackagedInstance instance = PackagedInstance.start(slowFlush)) {
            JsonPath tenant = given().baseUri(instance.baseUrl()).header("Authorization", "Bearer " + adminToken(instance))
                    .contentType(ContentType.JSON)
                    .body("{\"subdomain\":\"" + TestTenants.uniqueSubdomain("usage") + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                    .when().post("/v1/tenants").then().statusCode(201).extract().jsonPath();
            tenantId = tenant.getString("id");
            for (int i = 0; i < 25; i++) {
                token(instance, tenant.getString("client.clientId"), tenant.getString("client.clientSecret"));
            }
            assertEquals(0, count("SELECT coalesce(sum(quantity), 0) FROM usage WHERE tenant_id = ?::uuid AND type = 'TRANSACTIONS'", tenantId));
            instance.terminate();
            assertEquals(143, instance.awaitExit(EXIT_WITHIN));
        }
        assertEquals(25, count("SELECT coalesce(sum(quantity), 0) FROM usage WHERE tenant_id = ?::uuid AND type = 'TRANSACTIONS'", tenantId));
    }
}
