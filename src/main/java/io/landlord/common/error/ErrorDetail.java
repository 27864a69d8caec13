package io.landlord.common.error;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One invalid input: its value, what is wrong, its name and where it was (body, query, path, header). */
@RegisterForReflection
public record ErrorDetail(String value, String msg, String param, String location) {

    public static ErrorDetail body(String param, Object value, String msg) {
        return new ErrorDetail(printable(value), msg, param, "body");
    }

    public static ErrorDetail query(String param, Object value, String msg) {
        return new ErrorDetail(printable(value), msg, param, "query");
    }

    public static ErrorDetail path(String param, Object value, String msg) {
        return new ErrorDetail(printable(value), msg, param, "path");
    }

    public static ErrorDetail header(String param, Object value, String msg) {
        return new ErrorDetail(printable(value), msg, param, "header");
    }

    /** Echoed values are bounded so an error body never grows with the request. */
    private static String printable(Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
