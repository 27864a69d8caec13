package io.landlord.application;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PATCH /v1/tenants/{id}/applications/{appId}}: absent members stay as they are. */
public record UpdateApplicationRequest(
        @Pattern(regexp = CreateApplicationRequest.CODE, message = CreateApplicationRequest.CODE_MESSAGE) String productCode,
        @Pattern(regexp = CreateApplicationRequest.CODE, message = CreateApplicationRequest.CODE_MESSAGE) String packageCode,
        @Size(max = 2000) String description,
        Integer ttlHours) {
}
