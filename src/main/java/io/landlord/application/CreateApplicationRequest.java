package io.landlord.application;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/tenants/{id}/applications}; {@code ttlHours} is one of SOAJS's {@code _TTL} values. */
public record CreateApplicationRequest(
        @NotNull @Pattern(regexp = CODE, message = CODE_MESSAGE) String productCode,
        @NotNull @Pattern(regexp = CODE, message = CODE_MESSAGE) String packageCode,
        @Size(max = 2000) String description,
        @NotNull Integer ttlHours) {

    public static final String CODE = "^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$";
    public static final String CODE_MESSAGE = "must be 1-100 letters, digits, '_' or '-'";
}
