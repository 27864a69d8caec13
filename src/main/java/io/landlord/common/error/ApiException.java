package io.landlord.common.error;

import java.util.List;

/** A failure the API reports as it is: status, type, message and the invalid inputs. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final List<ErrorDetail> details;

    public ApiException(int status, String type, String message, List<ErrorDetail> details) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.details = List.copyOf(details);
    }

    public static ApiException validation(String message, List<ErrorDetail> details) {
        return new ApiException(400, "ValidationError", message, details);
    }

    public static ApiException validation(ErrorDetail detail) {
        return validation("Request is invalid", List.of(detail));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NotFound", what + " not found", List.of());
    }

    public static ApiException conflict(String type, String message) {
        return new ApiException(409, type, message, List.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public List<ErrorDetail> details() {
        return details;
    }
}
