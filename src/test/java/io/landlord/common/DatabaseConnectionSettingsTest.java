package io.landlord.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The server-side limits of application.properties reach PostgreSQL with every connection the pool opens, so a
 * stalled node can hold neither a request nor a row lock for ever (README, "High availability").
 */
@QuarkusTest
class DatabaseConnectionSettingsTest {

    @Inject
    Pool pool;

    @Test
    void every_connection_carries_the_statement_timeout_and_the_idle_in_transaction_timeout() {
        var row = pool.query("SELECT current_setting('statement_timeout'), current_setting('idle_in_transaction_session_timeout')")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertEquals("30s", row.getString(0));
        assertEquals("1min", row.getString(1));
    }
}
