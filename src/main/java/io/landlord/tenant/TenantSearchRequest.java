package io.landlord.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /v1/tenants:search} (IBM tenantspaged style): conditions, ordering and a keyset page. */
public record TenantSearchRequest(
        @Size(max = TenantSearch.MAX_CONDITIONS) List<@Valid @NotNull Condition> searchByAttributes,
        @Size(max = TenantSearch.MAX_ORDERINGS) List<@Valid @NotNull Ordering> orderBy,
        Integer limit,
        String cursor) {

    /** One condition: attribute, operator and a value of the attribute's type. */
    public record Condition(@NotBlank String attribute, @NotBlank String operator, @NotNull JsonNode value) {
    }

    /** One ordering key; direction ASC (default) or DESC. Ties are broken by id. */
    public record Ordering(@NotBlank String attribute, String direction) {
    }
}
