package io.landlord.common.runtime;

import io.quarkus.logging.LoggingFilter;
import java.util.Arrays;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops Micrometer's start-up warning that the reactive PostgreSQL pool's {@code postgresql.queue.size} gauge "has been
 * already registered": Quarkus registers that gauge twice for its own default pool (quarkusio/quarkus#47504), the
 * second registration is ignored and the metric is exported once, so the line only looks like a fault. Every other
 * warning of the meter registry passes.
 */
@LoggingFilter(name = "duplicate-pool-gauge")
public final class DuplicatePoolGaugeFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (!"io.micrometer.core.instrument.MeterRegistry".equals(record.getLoggerName()) || message == null
                || !message.contains("has been already registered")) {
            return true;
        }
        // the meter's name is in the message or, before formatting, in its parameters
        return !(message.contains(".queue.size") || record.getParameters() != null
                && Arrays.stream(record.getParameters()).anyMatch(p -> String.valueOf(p).contains(".queue.size")));
    }
}
