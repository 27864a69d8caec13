package io.landlord.common.web;

import io.landlord.common.error.RateLimitedException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.net.InetAddress;
import java.time.Duration;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed-window request counter per client address, kept in PostgreSQL so that every instance behind the load
 * balancer counts against the same limit (nothing shared lives in one instance's memory). The window is cut by
 * the database's clock, so instances with skewed clocks agree on it. An IPv6 client counts by its /64, which
 * one subscriber usually holds whole. Each limited endpoint has its own counters ({@code scope}).
 */
public class AddressRateLimiter {

    private static final String COUNT = """
            WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) / $2::integer) * $2::integer) AS start)
            INSERT INTO public_info_rate_limits AS r (client_address, window_start, hits)
            SELECT $1, w.start, 1 FROM w
            ON CONFLICT (client_address) DO UPDATE
               SET hits = CASE WHEN r.window_start = EXCLUDED.window_start THEN r.hits + 1 ELSE 1 END,
                   window_start = EXCLUDED.window_start
            RETURNING hits, ceil(extract(epoch FROM r.window_start) + $2::integer - extract(epoch FROM clock_timestamp()))::integer
                      AS retry_after
            """;
    /** A scope's counters of past windows ($2: the scope's key prefix; unscoped keys hold no space). */
    private static final String PURGE = """
            DELETE FROM public_info_rate_limits
             WHERE window_start < clock_timestamp() - $1::integer * interval '1 second'
               AND CASE WHEN $2 = '' THEN strpos(client_address, ' ') = 0 ELSE starts_with(client_address, $2) END
            """;

    private static final int MAX_KEY = 64;

    private final Pool pool;
    private final String scope;
    private final int limit;
    private final int windowSeconds;
    private final AtomicLong lastPurgedWindow = new AtomicLong();

    /**
     * @param scope names the endpoint: empty for the public-info endpoint (its counters predate scopes), else a word
     *              that prefixes the counters' keys
     */
    public AddressRateLimiter(Pool pool, String scope, int requestsPerWindow, Duration window) {
        this.pool = pool;
        this.scope = scope.isEmpty() ? "" : scope + " ";
        this.limit = requestsPerWindow;
        this.windowSeconds = (int) Math.max(1, window.toSeconds());
    }

    /** Counts one request of {@code clientAddress}; fails with a 429 beyond the window's limit. */
    public Uni<Void> acquire(String clientAddress) {
        return purgeOncePerWindow()
                .flatMap(ignored -> pool.preparedQuery(COUNT).execute(Tuple.of(scope + counterKey(clientAddress), windowSeconds)))
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getInteger("hits") > limit) {
                        throw new RateLimitedException(Math.max(1, row.getInteger("retry_after")));
                    }
                })
                .replaceWithVoid();
    }

    /** Counters of past windows are dead weight; one instance-local sweep per window keeps the table small. */
    private Uni<Void> purgeOncePerWindow() {
        long window = System.currentTimeMillis() / 1000 / windowSeconds;
        long previous = lastPurgedWindow.get();
        if (previous == window || !lastPurgedWindow.compareAndSet(previous, window)) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(PURGE).execute(Tuple.of(windowSeconds, scope)).replaceWithVoid();
    }

    /**
     * The key an address counts under: an IPv6 address by its /64. Only IP literals are parsed (never a name lookup on
     * the event loop); anything else counts as it is.
     */
    public static String counterKey(String address) {
        if (address.indexOf(':') >= 0) {
            try {
                byte[] prefix = Arrays.copyOf(InetAddress.getByName(address).getAddress(), 16);
                Arrays.fill(prefix, 8, 16, (byte) 0);
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                // not an IPv6 literal after all
            }
        }
        return address.length() > MAX_KEY ? address.substring(0, MAX_KEY) : address;
    }
}
