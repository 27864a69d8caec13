package io.landlord.usage;

import io.landlord.common.persistence.PeriodicJob;
import io.landlord.common.config.LandlordConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the access tokens issued to tenants' clients (TRANSACTIONS) in memory, per tenant and hour, and adds the
 * counts to PostgreSQL every {@code landlord.usage.flush-interval} and at a graceful shutdown: no write per token.
 * Counting and flushing are exact: a count is taken out of the map atomically per key (ConcurrentHashMap.merge /
 * remove), and put back if the write fails. A hard crash loses at most one interval's counts.
 * Also keeps the set of tenants over a hard TRANSACTIONS limit, which the token endpoint refuses.
 */
@ApplicationScoped
public class UsageMeter {

    static final String TRANSACTIONS = "TRANSACTIONS";

    record Bucket(UUID tenantId, Instant hour) {
    }

    private final ConcurrentHashMap<Bucket, Long> pending = new ConcurrentHashMap<>();
    private final UsageRepository usage;
    private final QuotaNotices notices;
    private final Vertx vertx;
    private final Duration flushInterval;
    private final boolean countTokens;
    private volatile Set<UUID> exhausted = Set.of();
    private volatile PeriodicJob flusher;

    public UsageMeter(UsageRepository usage, QuotaNotices notices, Vertx vertx, LandlordConfig config) {
        this.usage = usage;
        this.notices = notices;
        this.vertx = vertx;
        this.flushInterval = config.usage().flushInterval();
        this.countTokens = config.usage().countTokens();
    }

    void onStart(@Observes StartupEvent event) {
        flusher = PeriodicJob.every(vertx, flushInterval, this::flush, UsageMeter.class,
                "Usage flush failed; counts kept for the next one");
        refreshExhausted().subscribe().with(ignored -> { }, e -> { });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (flusher != null) {
            flusher.stop();
        }
        flush().await().atMost(Duration.ofSeconds(10));
    }

    /** One token issued to a client of this tenant. */
    public void countToken(UUID tenantId) {
        if (!countTokens) {
            return;
        }
        pending.merge(new Bucket(tenantId, Instant.now().truncatedTo(ChronoUnit.HOURS)), 1L, Long::sum);
    }

    public boolean overHardLimit(UUID tenantId) {
        return exhausted.contains(tenantId);
    }

    /** Writes the counts taken so far; then records crossed thresholds and reloads the hard-limit set. */
    public Uni<Void> flush() {
        List<Bucket> taken = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (Bucket bucket : pending.keySet()) {
            Long count = pending.remove(bucket);
            if (count != null) {
                taken.add(bucket);
                counts.add(count);
            }
        }
        List<Tuple> rows = new ArrayList<>();
        Set<UUID> tenants = new HashSet<>();
        for (int i = 0; i < taken.size(); i++) {
            rows.add(Tuple.of(taken.get(i).tenantId(), TRANSACTIONS, taken.get(i).hour().atOffset(ZoneOffset.UTC), counts.get(i)));
            tenants.add(taken.get(i).tenantId());
        }
        return usage.add(rows)
                .onFailure().invoke(e -> {
                    for (int i = 0; i < taken.size(); i++) {
                        pending.merge(taken.get(i), counts.get(i), Long::sum);
                    }
                })
                .call(() -> notices.check(tenants, TRANSACTIONS))
                .call(this::refreshExhausted);
    }

    private Uni<Void> refreshExhausted() {
        return usage.exhaustedHardLimits().invoke(ids -> exhausted = Set.copyOf(ids)).replaceWithVoid();
    }
}
