package io.landlord.packaged;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.landlord.support.EmbeddedDatabase;
import io.landlord.support.PackagedInstance;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Crash safety and scale-out, with real processes of the packaged jar on one real PostgreSQL. */
class OperationRecoveryIT {

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

    private static long count(String query, String param) throws SQLException {
        try (Connection c = sql(); PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, param);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static String token(PackagedInstance instance) {
        return given().baseUri(instance.baseUrl()).contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + TestTokens.ADMIN_CLIENT_ID
                        + "\",\"client_secret\":\"" + TestTokens.ADMIN_CLIENT_SECRET + "\"}")
                .when().post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }

    /** An operation a crashed instance had claimed: RUNNING, its lease long over, so the next sweep takes it over. */
    private static UUID insertInterrupted(String kind, String requestSql, Object... params) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = sql(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO operations (id, kind, status, request, request_hash, submitted_by, claim_id, lease_until, attempts,"
                        + " created_at, updated_at) SELECT ?, ?, 'RUNNING', " + requestSql + ", '\\x00', ?, ?,"
                        + " now() - interval '5 minutes', 1, now(), now()")) {
            insert.setObject(1, id);
            insert.setString(2, kind);
            int i = 3;
            for (Object param : params) {
                insert.setObject(i++, param);
            }
            insert.setString(i++, TestTokens.ADMIN_CLIENT_ID);
            insert.setObject(i, UUID.randomUUID());
            insert.executeUpdate();
        }
        return id;
    }

    private static long succeeded(UUID operationId) throws SQLException {
        return count("SELECT count(*) FROM operations WHERE id = ?::uuid AND status = 'SUCCEEDED'", operationId.toString());
    }

    @Test
    void an_export_a_clone_and_an_import_interrupted_by_a_crash_are_finished_once_when_the_application_starts_again()
            throws Exception {
        String prefix = "move-" + UUID.randomUUID().toString().substring(0, 8);
        String sourceId;
        try (PackagedInstance first = PackagedInstance.start(env)) {
            sourceId = given().baseUri(first.baseUrl()).header("Authorization", "Bearer " + token(first)).contentType(ContentType.JSON)
                    .body("{\"name\":\"Source\",\"subdomain\":\"" + prefix + "-source\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                    .when().post("/v1/tenants").then().statusCode(201).extract().path("id");
        }
        UUID export = insertInterrupted("TENANT_EXPORT", "jsonb_build_object('tenantId', ?::text, 'includeSecretHashes', true)", sourceId);
        UUID clone = insertInterrupted("TENANT_CLONE", "jsonb_build_object('tenantId', ?::text, 'target',"
                + " jsonb_build_object('environmentId', ?::text, 'subdomain', ?::text, 'name', 'Clone'))",
                sourceId, TestTenants.SYDNEY, prefix + "-clone");

        try (PackagedInstance restarted = PackagedInstance.start(env)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> succeeded(export) == 1 && succeeded(clone) == 1);
            // the source leaves for good, so that its bundle can come back with the same client ids
            String admin = "Bearer " + token(restarted);
            given().baseUri(restarted.baseUrl()).header("Authorization", admin).when().delete("/v1/tenants/" + sourceId)
                    .then().statusCode(204);
            given().baseUri(restarted.baseUrl()).header("Authorization", admin).queryParam("purge", true)
                    .when().delete("/v1/tenants/" + sourceId).then().statusCode(204);
        }
        assertEquals(1, count("SELECT count(*) FROM tenants WHERE subdomain = ?", prefix + "-clone"));
        assertEquals(1, count("SELECT count(*) FROM operations WHERE id = ?::uuid AND result->>'format' = 'landlord.tenant/v1'",
                export.toString()));

        UUID imported = insertInterrupted("TENANT_IMPORT", "jsonb_build_object('bundle', (SELECT result FROM operations"
                + " WHERE id = ?::uuid), 'environmentId', ?::text, 'subdomain', ?::text)", export.toString(), TestTenants.SYDNEY,
                prefix + "-imported");
        try (PackagedInstance third = PackagedInstance.start(env)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> succeeded(imported) == 1);
        }
        assertEquals(1, count("SELECT count(*) FROM tenants WHERE subdomain = ?", prefix + "-imported"));
        assertEquals(0, count("SELECT count(*) FROM tenant_rows WHERE subdomain LIKE ? AND deleted_at IS NOT NULL", prefix + "-%"));
    }

    @Test
    void operations_interrupted_by_a_crash_are_finished_when_the_application_starts_again() throws Exception {
        PackagedInstance first = PackagedInstance.start(env);
        first.kill();

        String prefix = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = sql(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO operations (id, status, request, request_hash, submitted_by, claim_id, lease_until, attempts,"
                        + " created_at, updated_at) VALUES (?, ?, ?::jsonb, '\\x00', ?, ?, now() - interval '5 minutes', ?, now(), now())")) {
            for (int i = 0; i < 10; i++) {
                boolean wasRunning = i % 2 == 0;
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, wasRunning ? "RUNNING" : "PENDING");
                insert.setString(3, "{\"subdomain\":\"" + prefix + "-" + i + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}");
                insert.setString(4, TestTokens.ADMIN_CLIENT_ID);
                insert.setObject(5, wasRunning ? UUID.randomUUID() : null);
                insert.setInt(6, wasRunning ? 1 : 0);
                insert.addBatch();
            }
            insert.executeBatch();
        }

        try (PackagedInstance restarted = PackagedInstance.start(env)) {
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    count("SELECT count(*) FROM operations WHERE request->>'subdomain' LIKE ? AND status = 'SUCCEEDED'", prefix + "-%") == 10);
        }
        assertEquals(10, count("SELECT count(*) FROM tenants WHERE subdomain LIKE ?", prefix + "-%"));
    }

    @Test
    void two_instances_on_one_database_run_every_submitted_operation_exactly_once() throws Exception {
        try (PackagedInstance a = PackagedInstance.start(env); PackagedInstance b = PackagedInstance.start(env)) {
            String prefix = "pair-" + UUID.randomUUID().toString().substring(0, 8);
            List<PackagedInstance> instances = List.of(a, b);
            List<String> tokens = List.of(token(a), token(b));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int which = i % 2;
                ids.add(given().baseUri(instances.get(which).baseUrl()).header("Authorization", "Bearer " + tokens.get(which))
                        .contentType(ContentType.JSON)
                        .body("{\"subdomain\":\"" + prefix + "-" + i + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                        .when().post("/v1/async/tenants").then().statusCode(202).extract().path("id"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    count("SELECT count(*) FROM operations WHERE request->>'subdomain' LIKE ? AND status = 'SUCCEEDED'", prefix + "-%") == 40);
            assertEquals(40, count("SELECT count(*) FROM tenants WHERE subdomain LIKE ?", prefix + "-%"));
            assertEquals(0, count("SELECT count(*) FROM operations WHERE request->>'subdomain' LIKE ? AND attempts <> 1", prefix + "-%"));
            // a result collected through the other instance is still given exactly once
            String id = ids.get(0);
            given().baseUri(b.baseUrl()).header("Authorization", "Bearer " + tokens.get(1))
                    .when().get("/v1/async/tenants/" + id + "/createresult").then().statusCode(200);
            given().baseUri(a.baseUrl()).header("Authorization", "Bearer " + tokens.get(0))
                    .when().get("/v1/async/tenants/" + id + "/createresult").then().statusCode(410);
        }
    }
}
