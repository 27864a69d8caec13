package io.landlord.usage;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** Usage of one tenant and type in one hour. */
@RegisterForReflection
public record UsageRecord(UUID tenantId, String usageType, Instant startTime, Instant endTime, long quantity) {
}
