package io.landlord.usage;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** {@code POST /v1/tenants/{id}/usage}: usage the platform measured; {@code id} makes a retry harmless. */
public record UsageReportRequest(
        @NotBlank @Size(max = 200) String id,
        @NotNull @Pattern(regexp = "USERS|AUTHENTICATIONS|ISSUANCE",
                message = "must be USERS, AUTHENTICATIONS or ISSUANCE (TRANSACTIONS are counted by Landlord)") String type,
        @NotNull @Positive Long quantity,
        @NotNull Instant at) {
}
