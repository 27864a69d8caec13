package io.landlord.token;

import io.landlord.common.error.RateLimitedException;
import io.landlord.common.web.AddressRateLimiter;
import io.landlord.event.EventRecorder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Brute-force protection of client authentication: failures are counted per client id and client address (an IPv6
 * address by its /64) in a fixed window, in PostgreSQL, so every instance counts against the same threshold. Past it
 * the pair is locked out (429 with Retry-After, even for the right secret) for a back-off that doubles with each
 * lock-out; the same client from another address is unaffected. Each lock-out records a
 * {@code CLIENT_AUTH_THROTTLED} event. A success from the pair forgets its failures and lock-outs.
 */
@ApplicationScoped
public class ClientAuthThrottle {

    static final String THROTTLED_EVENT = "CLIENT_AUTH_THROTTLED";
    /** The pair's lock-out in seconds (0: none), and whether a row is kept for it at all. */
    private static final String STATE = """
            SELECT GREATEST(0, ceil(extract(epoch FROM locked_until - clock_timestamp())))::integer AS locked_for
              FROM client_auth_failures WHERE client_id = $1 AND client_address = $2
            """;
    /**
     * Counts a failure; the one that passes the threshold locks the pair out (the row lock makes it exactly one, however
     * many failures arrive at once) and answers the lock-out's length in seconds, else 0.
     */
    private static final String FAIL = """
            WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) / $3::integer) * $3::integer) AS start),
            counted AS (
                INSERT INTO client_auth_failures AS f (client_id, client_address, window_start, failures)
                SELECT $1, $2, w.start, 1 FROM w
                ON CONFLICT (client_id, client_address) DO UPDATE
                   SET failures = CASE WHEN f.window_start = EXCLUDED.window_start THEN f.failures + 1 ELSE 1 END,
                       window_start = EXCLUDED.window_start
                RETURNING f.failures, f.lockouts)
            SELECT CASE WHEN failures > $4::integer
                        THEN LEAST($5::bigint * (2::bigint ^ LEAST(lockouts, 30)), $6::bigint)::integer ELSE 0 END AS lockout
              FROM counted
            """;
    private static final String LOCK = """
            UPDATE client_auth_failures
               SET failures = 0, lockouts = lockouts + 1, locked_until = clock_timestamp() + $3::integer * interval '1 second'
             WHERE client_id = $1 AND client_address = $2
            """;
    private static final String FORGET = "DELETE FROM client_auth_failures WHERE client_id = $1 AND client_address = $2";
    private static final String PURGE = """
            DELETE FROM client_auth_failures
             WHERE window_start < clock_timestamp() - $1::integer * interval '1 second'
               AND COALESCE(locked_until, '-infinity') < clock_timestamp() - $2::integer * interval '1 second'
            """;
    private static final int MAX_CLIENT_ID = 200;

    private final Pool pool;
    private final EventRecorder events;
    private final AddressRateLimiter requestRate;
    private final int maxFailures;
    private final int windowSeconds;
    private final long lockoutSeconds;
    private final long maxLockoutSeconds;
    private final AtomicLong lastPurgedWindow = new AtomicLong();

    public ClientAuthThrottle(Pool pool, EventRecorder events, ClientAuthConfig config) {
        this.pool = pool;
        this.events = events;
        this.requestRate = config.requestsPerWindow().isPresent()
                ? new AddressRateLimiter(pool, "oauth", config.requestsPerWindow().getAsInt(), config.window())
                : null;
        this.maxFailures = config.maxFailures();
        this.windowSeconds = (int) Math.max(1, config.window().toSeconds());
        this.lockoutSeconds = Math.max(1, config.lockout().toSeconds());
        this.maxLockoutSeconds = Math.max(lockoutSeconds, config.maxLockout().toSeconds());
    }

    /** The pair's standing: locked out (a 429 to answer), or the attempt may go on. */
    record Standing(String clientId, String address, boolean known) {
    }

    /**
     * Counts the request against the per-address rate (when configured), then fails with a 429 while the pair is
     * locked out.
     */
    Uni<Standing> admit(String clientId, String clientAddress) {
        String id = clientId.length() > MAX_CLIENT_ID ? clientId.substring(0, MAX_CLIENT_ID) : clientId;
        String address = AddressRateLimiter.counterKey(clientAddress);
        Uni<Void> rate = requestRate == null ? Uni.createFrom().voidItem() : requestRate.acquire(clientAddress);
        return rate.flatMap(ok -> purgeOncePerWindow())
                .flatMap(ok -> pool.preparedQuery(STATE).execute(Tuple.of(id, address)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return new Standing(id, address, false);
                    }
                    int lockedFor = rows.iterator().next().getInteger("locked_for");
                    if (lockedFor > 0) {
                        throw new RateLimitedException(lockedFor);
                    }
                    return new Standing(id, address, true);
                });
    }

    /** A failed authentication: counted; the one past the threshold locks the pair out and fails with a 429. */
    Uni<Void> failed(Standing standing) {
        return pool.withTransaction(tx -> tx.preparedQuery(FAIL)
                .execute(Tuple.of(standing.clientId(), standing.address(), windowSeconds, maxFailures, lockoutSeconds, maxLockoutSeconds))
                .flatMap(rows -> lockOut(tx, standing, rows.iterator().next().getInteger("lockout"))))
                .invoke(lockout -> {
                    if (lockout > 0) {
                        events.raise(THROTTLED_EVENT, Map.of("clientId", standing.clientId(), "clientAddress", standing.address(),
                                "retryAfterSeconds", lockout));
                        throw new RateLimitedException(lockout);
                    }
                })
                .replaceWithVoid();
    }

    /** Locks the pair out for {@code lockout} seconds (none when 0), in the transaction that counted the failure. */
    private static Uni<Integer> lockOut(SqlClient tx, Standing standing, int lockout) {
        return lockout == 0
                ? Uni.createFrom().item(0)
                : tx.preparedQuery(LOCK).execute(Tuple.of(standing.clientId(), standing.address(), lockout)).replaceWith(lockout);
    }

    /** A successful authentication forgets the pair's failures and lock-outs (only when it has any). */
    Uni<Void> succeeded(Standing standing) {
        return standing.known()
                ? pool.preparedQuery(FORGET).execute(Tuple.of(standing.clientId(), standing.address())).replaceWithVoid()
                : Uni.createFrom().voidItem();
    }

    private Uni<Void> purgeOncePerWindow() {
        long window = System.currentTimeMillis() / 1000 / windowSeconds;
        long previous = lastPurgedWindow.get();
        if (previous == window || !lastPurgedWindow.compareAndSet(previous, window)) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(PURGE).execute(Tuple.of(windowSeconds, (int) maxLockoutSeconds)).replaceWithVoid();
    }
}
