package io.landlord.operation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two extra claimers race the application's own worker over 200 operations, as other instances on the same
 * database would: every operation is claimed once and creates exactly one tenant.
 */
@QuarkusTest
class OperationClaimRaceTest {

    @Inject
    Pool pool;

    @Inject
    OperationRepository operations;

    @Inject
    OperationService service;

    @Test
    void two_claimers_racing_over_200_operations_run_each_exactly_once() throws Exception {
        String prefix = "race-" + UUID.randomUUID().toString().substring(0, 8);
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(Tuple.of(UUID.randomUUID(), "{\"subdomain\":\"" + prefix + "-" + i + "\",\"environmentId\":\""
                    + TestTenants.SYDNEY + "\"}", TestTokens.ADMIN_CLIENT_ID));
        }
        pool.preparedQuery("INSERT INTO operations (id, status, request, request_hash, submitted_by, created_at, updated_at)"
                + " VALUES ($1, 'PENDING', $2::text::jsonb, '\\x00', $3, now(), now())").executeBatch(rows).await().indefinitely();

        ConcurrentHashMap<UUID, AtomicInteger> executions = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> claimers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            claimers.add(CompletableFuture.runAsync(() -> {
                while (true) {
                    UUID claim = UUID.randomUUID();
                    List<UUID> ids = operations.claimBatch(5, claim, Duration.ofSeconds(60)).await().indefinitely();
                    if (ids.isEmpty()) {
                        return;
                    }
                    for (UUID id : ids) {
                        try {
                            boolean ran = VertxContextSupport.subscribeAndAwait(() -> service.execute(id, claim));
                            if (ran) {
                                executions.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                            }
                        } catch (Throwable e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }));
        }
        CompletableFuture.allOf(claimers.toArray(CompletableFuture[]::new)).get();

        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM operations WHERE request->>'subdomain' LIKE $1"
                + " AND status = 'SUCCEEDED'", prefix + "-%") == 200);
        assertEquals(200, count("SELECT count(*) FROM tenants WHERE subdomain LIKE $1", prefix + "-%"));
        assertEquals(0, count("SELECT count(*) FROM operations WHERE request->>'subdomain' LIKE $1 AND attempts <> 1", prefix + "-%"),
                "every operation was claimed exactly once");
        assertTrue(executions.values().stream().allMatch(n -> n.get() == 1));
    }

    private long count(String sql, String param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param)).await().indefinitely().iterator().next().getLong(0);
    }
}
