package io.landlord.common.error;

import java.util.Map;

/** The PascalCase HTTP reason used as an error's {@code code}. */
final class HttpCodes {

    private static final Map<Integer, String> CODES = Map.ofEntries(
            Map.entry(400, "BadRequest"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "NotFound"),
            Map.entry(405, "MethodNotAllowed"),
            Map.entry(406, "NotAcceptable"),
            Map.entry(409, "Conflict"),
            Map.entry(410, "Gone"),
            Map.entry(413, "PayloadTooLarge"),
            Map.entry(415, "UnsupportedMediaType"),
            Map.entry(422, "UnprocessableEntity"),
            Map.entry(429, "TooManyRequests"),
            Map.entry(500, "InternalServerError"),
            Map.entry(503, "ServiceUnavailable"));

    private HttpCodes() {
    }

    static String codeOf(int status) {
        return CODES.getOrDefault(status, status >= 500 ? "InternalServerError" : "BadRequest");
    }
}
