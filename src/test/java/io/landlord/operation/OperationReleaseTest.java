package io.landlord.operation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a stopping instance does with the operations it still runs: hands them back without waiting for a lease. */
@QuarkusTest
class OperationReleaseTest {

    @Inject
    Pool pool;

    @Inject
    OperationRepository operations;

    @Inject
    OperationService service;

    /** A RUNNING operation under {@code claim} whose lease has five minutes left. */
    private UUID runningOperation(String subdomain, UUID claim) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO operations (id, status, request, request_hash, submitted_by, claim_id, lease_until,"
                + " attempts, created_at, updated_at) VALUES ($1, 'RUNNING', $2::text::jsonb, '\\x00', $3, $4,"
                + " now() + interval '5 minutes', 1, now(), now())")
                .execute(Tuple.of(id, "{\"subdomain\":\"" + subdomain + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}",
                        TestTokens.ADMIN_CLIENT_ID, claim))
                .await().indefinitely();
        return id;
    }

    private String status(UUID id) {
        return pool.preparedQuery("SELECT status FROM operations WHERE id = $1").execute(Tuple.of(id))
                .await().indefinitely().iterator().next().getString(0);
    }

    private long count(String sql, Object param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void a_released_operation_is_run_at_once_by_a_sweep_and_the_released_claim_writes_nothing() throws Throwable {
        String subdomain = TestTenants.uniqueSubdomain("released");
        UUID claim = UUID.randomUUID();
        UUID id = runningOperation(subdomain, claim);

        assertEquals(1, operations.release(List.of(claim)).await().indefinitely());
        assertFalse(VertxContextSupport.subscribeAndAwait(() -> service.execute(id, claim)), "the released claim runs nothing");

        // the application's own worker takes it on its next sweep, long before the five-minute lease would have ended
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(status(id)));
        assertEquals(1, count("SELECT count(*) FROM tenants WHERE subdomain = $1", subdomain));
        assertEquals(1, count("SELECT attempts FROM operations WHERE id = $1", id), "the handed-back run cost no retry");
    }

    @Test
    void an_operation_inside_an_open_transaction_is_skipped_rather_than_waited_for() {
        UUID claim = UUID.randomUUID();
        UUID id = runningOperation(TestTenants.uniqueSubdomain("locked"), claim);
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            Transaction transaction = connection.begin().await().indefinitely();
            connection.preparedQuery("SELECT id FROM operations WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                    .await().indefinitely();

            assertEquals(0, operations.release(List.of(claim)).await().atMost(Duration.ofSeconds(5)));

            transaction.rollback().await().indefinitely();
        } finally {
            connection.close().await().indefinitely();
        }
        assertEquals("RUNNING", status(id));
    }
}
