package io.landlord.entitlement;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;

/** {@code PUT /v1/tenants/{id}/entitlements}, and one entry of a tenant create's {@code entitlements}. */
@RegisterForReflection
public record EntitlementRequest(
        @NotNull @Pattern(regexp = "USERS|TRANSACTIONS|AUTHENTICATIONS|ISSUANCE",
                message = "must be USERS, TRANSACTIONS, AUTHENTICATIONS or ISSUANCE") String type,
        @NotNull @PositiveOrZero Long quantity,
        @NotNull @Pattern(regexp = "TRIAL|PRODUCTION", message = "must be TRIAL or PRODUCTION") String contractMode,
        Instant startsAt,
        Instant endsAt,
        Boolean hardLimit) {
}
