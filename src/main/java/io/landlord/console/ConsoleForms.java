package io.landlord.console;

import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.UUID;

/**
 * Checks a request body built from a console form with the same constraints the API's {@code @Valid} applies, so the
 * refusal (and its {@code details}, named after the body's fields, which the form's inputs are) is the API's.
 */
@ApplicationScoped
public class ConsoleForms {

    private final Validator validator;

    public ConsoleForms(Validator validator) {
        this.validator = validator;
    }

    <T> T valid(T body) {
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return body;
    }

    /** An id typed or chosen in a form; an empty one is not given, a malformed one the API's 400 on that field. */
    static UUID uuid(String field, String value) {
        String given = given(value);
        if (given == null) {
            return null;
        }
        try {
            return UUID.fromString(given);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(ErrorDetail.body(field, given, "Must be a UUID"));
        }
    }

    /** A whole number typed in a form; an empty one is not given, anything else the API's 400 on that field. */
    static Long number(String field, String value) {
        String given = given(value);
        if (given == null) {
            return null;
        }
        try {
            return Long.parseLong(given);
        } catch (NumberFormatException e) {
            throw ApiException.validation(ErrorDetail.body(field, given, "Must be a whole number"));
        }
    }

    /** An empty input means "not given", as an absent JSON member does. */
    static String given(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
