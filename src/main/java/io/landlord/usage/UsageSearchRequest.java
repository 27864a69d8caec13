package io.landlord.usage;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /v1/usage:search} (IBM getEntitlementUsageInfo): conditions on startTime (mandatory), endTime,
 * tenantId, isTrial and usageType; ordered by startTime; keyset pages.
 */
public record UsageSearchRequest(
        @NotEmpty @Size(max = 10) List<@Valid @NotNull Condition> searchByAttributes,
        Integer limit,
        String cursor) {

    /** One condition: attribute, operator and value. */
    public record Condition(@NotBlank String attribute, @NotBlank String operator, @NotNull JsonNode value) {
    }
}
