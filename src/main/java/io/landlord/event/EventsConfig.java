package io.landlord.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The audit trail: recording, retention and live streaming. */
@ConfigMapping(prefix = "landlord.events")
public interface EventsConfig {

    /** Record events at all; off only to measure what recording costs (bench/). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Read events (and token issuance) are buffered in memory and written at most this long after; a hard crash loses
     * at most this long's. Like reads share rows only within one batch, so a longer interval makes recording reads
     * cheaper (bench/events-bench.sh: reads spread over 2,000 tenants wrote 0.36 rows per read at 1 s, 0.19 at 2 s).
     */
    @WithDefault("PT2S")
    Duration flushInterval();

    /**
     * A buffer whose events make this many rows (an operation's START and outcome are one row, and like operations
     * share one) is written at once.
     */
    @WithDefault("2000")
    int flushSize();

    /** Events older than this are deleted. */
    @WithDefault("P90D")
    Duration retention();

    /** How often the retention purge runs. */
    @WithDefault("PT1H")
    Duration retentionInterval();

    /** SSE: a comment line this often keeps idle connections (and proxies) alive. */
    @WithDefault("PT15S")
    Duration heartbeat();

    /** SSE: subscribers look for new events at least this often, besides being woken by NOTIFY. */
    @WithDefault("PT1S")
    Duration pollInterval();
}
