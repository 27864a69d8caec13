package io.landlord.common.security;

import io.landlord.common.config.LandlordConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;

/**
 * The deny-list of access tokens: single tokens by {@code jti}, and every token a client was issued before a cut-off
 * (a deleted client, a rotation that revokes). It lives in PostgreSQL ({@code token_revocations}); each instance keeps
 * the live entries in memory, so checking a verified token costs two map lookups and no query. Every
 * {@code landlord.revocations.refresh-interval} an instance reads the rows stored since its previous read (with a
 * margin for transactions that committed late), so a revocation made through any instance takes effect everywhere
 * within that interval; the instance that made it applies it at once. Entries leave memory and the table when the
 * tokens they name have expired.
 */
@ApplicationScoped
public class RevokedTokens {

    private static final String TOKEN = "token";
    private static final String CLIENT = "client";
    private static final String UPSERT = """
            INSERT INTO token_revocations (kind, value, revoked_at, expires_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (kind, value) DO UPDATE
               SET revoked_at = GREATEST(token_revocations.revoked_at, EXCLUDED.revoked_at),
                   expires_at = GREATEST(token_revocations.expires_at, EXCLUDED.expires_at),
                   stored_at = clock_timestamp()
            """;
    /** Live rows stored since {@code $1} (all of them when null); always one row at least, with the database's clock. */
    private static final String LOAD = """
            SELECT db.now AS read_at, r.kind, r.value, r.revoked_at, r.expires_at
              FROM (SELECT clock_timestamp() AS now) db
              LEFT JOIN token_revocations r
                ON r.expires_at > db.now AND ($1::timestamptz IS NULL OR r.stored_at >= $1::timestamptz)
            """;
    private static final String PURGE = "DELETE FROM token_revocations WHERE expires_at < clock_timestamp()";
    /** Rows are read again for this long after they were stored: covers transactions that commit late. */
    private static final long RELOAD_MARGIN_SECONDS = 10;
    private static final long PURGE_EVERY_MILLIS = 60_000;

    /** One row of the deny-list: a token ({@code value} its jti) or a client's tokens issued before {@code revokedAt}. */
    public record Revocation(String kind, String value, Instant revokedAt, Instant expiresAt) {

        Object[] parameters() {
            return new Object[] { kind, value, revokedAt.atOffset(ZoneOffset.UTC), expiresAt.atOffset(ZoneOffset.UTC) };
        }
    }

    private record Cutoff(long issuedBeforeMillis, long expiresAtSecond) {
    }

    private final Pool pool;
    private final Vertx vertx;
    private final long refreshMillis;
    private final long clientCutoffSeconds;
    /** jti → the token's expiry (epoch second). */
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    /** client id → its tokens issued before the cut-off are refused. */
    private final Map<String, Cutoff> clients = new ConcurrentHashMap<>();
    private volatile OffsetDateTime loadedUpTo;
    private volatile long lastPurge;
    private volatile long timer = -1;

    public RevokedTokens(Pool pool, Vertx vertx, LandlordConfig config, RevocationConfig revocations) {
        this.pool = pool;
        this.vertx = vertx;
        this.refreshMillis = revocations.refreshInterval().toMillis();
        // the last token a client got before its cut-off lives this long after it, clock skew allowed
        this.clientCutoffSeconds = config.token().lifetime().toSeconds() + 60;
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
        timer = vertx.setPeriodic(refreshMillis, id -> refresh());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Whether a verified token is revoked: by its jti, or by a cut-off of its client after it was issued. */
    public boolean isRevoked(String jti, String clientId, long issuedAtMillis) {
        if (tokens.containsKey(jti)) {
            return true;
        }
        Cutoff cutoff = clients.get(clientId);
        return cutoff != null && issuedAtMillis < cutoff.issuedBeforeMillis();
    }

    /** The revocation of one token, refused until it expires. */
    public static Revocation token(String jti, long expiresAtSecond) {
        return new Revocation(TOKEN, jti, Instant.now(), Instant.ofEpochSecond(expiresAtSecond));
    }

    /** The revocation of every token issued to {@code clientId} until now. */
    public Revocation client(String clientId) {
        Instant now = Instant.now();
        return new Revocation(CLIENT, clientId, now, now.plusSeconds(clientCutoffSeconds));
    }

    /** Writes a revocation through {@code client} (a connection, or one in a transaction); then {@link #applied}. */
    public Uni<Void> write(SqlClient client, Revocation revocation) {
        return client.preparedQuery(UPSERT).execute(Tuple.from(revocation.parameters())).replaceWithVoid();
    }

    /** Writes a revocation in the current Hibernate Reactive transaction; then {@link #applied}. */
    public Uni<Void> writeInTransaction(Revocation revocation) {
        return Panache.getSession().chain(session -> Uni.createFrom().completionStage(((MutinySessionImpl) session)
                .getReactiveConnection().update(UPSERT, revocation.parameters())))
                .replaceWithVoid();
    }

    /** A revocation this instance committed: refused here at once, without waiting for the next reload. */
    public void applied(Revocation revocation) {
        remember(revocation.kind(), revocation.value(), revocation.revokedAt().toEpochMilli(),
                revocation.expiresAt().getEpochSecond());
    }

    private void remember(String kind, String value, long revokedAtMillis, long expiresAtSecond) {
        if (TOKEN.equals(kind)) {
            tokens.put(value, expiresAtSecond);
        } else {
            clients.merge(value, new Cutoff(revokedAtMillis, expiresAtSecond),
                    (a, b) -> a.issuedBeforeMillis() >= b.issuedBeforeMillis() ? a : b);
        }
    }

    private void refresh() {
        OffsetDateTime since = loadedUpTo == null ? null : loadedUpTo.minusSeconds(RELOAD_MARGIN_SECONDS);
        pool.preparedQuery(LOAD).execute(Tuple.of(since)).subscribe().with(rows -> {
            OffsetDateTime readAt = null;
            for (Row row : rows) {
                readAt = row.getOffsetDateTime("read_at");
                if (row.getString("kind") != null) {
                    remember(row.getString("kind"), row.getString("value"),
                            row.getOffsetDateTime("revoked_at").toInstant().toEpochMilli(),
                            row.getOffsetDateTime("expires_at").toEpochSecond());
                }
            }
            loadedUpTo = readAt;
            forgetExpired();
        }, e -> Log.debugf("Reloading revoked tokens failed (%s); keeping the previous set", e.getClass().getName()));
    }

    private void forgetExpired() {
        long nowSecond = Instant.now().getEpochSecond();
        tokens.values().removeIf(expiresAt -> expiresAt < nowSecond);
        clients.values().removeIf(cutoff -> cutoff.expiresAtSecond() < nowSecond);
        long nowMillis = System.currentTimeMillis();
        if (nowMillis - lastPurge >= PURGE_EVERY_MILLIS) {
            lastPurge = nowMillis;
            pool.query(PURGE).execute().subscribe().with(ignored -> { },
                    e -> Log.debugf("Purging expired revocations failed (%s)", e.getClass().getName()));
        }
    }
}
