package io.landlord.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The error body of every 4xx/5xx response (the MATTR seed's shape): {@code code} is the HTTP reason in
 * PascalCase, {@code type} a stable machine-readable kind. {@code requestId} is set on 500s.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String code, String type, String message, List<ErrorDetail> details, String requestId) {

    public static ApiError of(int status, String type, String message, List<ErrorDetail> details) {
        return new ApiError(HttpCodes.codeOf(status), type, message, details == null || details.isEmpty() ? null : details, null);
    }

    public ApiError withRequestId(String id) {
        return new ApiError(code, type, message, details, id);
    }
}
