package io.landlord.usage;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.UUID;

/** {@code POST /v1/usage:search} (IBM usage search): hourly usage from startTime, optionally narrowed. */
public record UsageSearchRequest(
        @NotNull Instant startTime,
        Instant endTime,
        UUID tenantId,
        @Pattern(regexp = "USERS|TRANSACTIONS|AUTHENTICATIONS|ISSUANCE",
                message = "must be USERS, TRANSACTIONS, AUTHENTICATIONS or ISSUANCE") String usageType,
        Boolean isTrial,
        Integer limit,
        String cursor) {
}
