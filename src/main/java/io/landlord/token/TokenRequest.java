package io.landlord.token;

import io.landlord.common.error.OAuthException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of a token request, from a JSON body (MATTR style) or a form body (RFC 6749), with the client
 * credentials from the body or from HTTP Basic (RFC 6749 §2.3.1). Malformed input is an {@code invalid_request}.
 */
public record TokenRequest(String grantType, String clientId, String clientSecret, String audience, String scope, boolean basicAuth) {

    /** A client_credentials request with the secret in the body, as the console's sign-in form makes it. */
    public static TokenRequest clientCredentials(String clientId, String clientSecret) {
        return new TokenRequest("client_credentials", clientId, clientSecret, null, null, false);
    }

    static TokenRequest parse(String contentType, String body, String authorization, com.fasterxml.jackson.databind.ObjectMapper json) {
        Map<String, String> params = bodyParams(contentType, body == null ? "" : body, json);
        String clientId = params.get("client_id");
        String clientSecret = params.get("client_secret");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        if (basic) {
            if (clientSecret != null) {
                throw OAuthException.invalidRequest("Use one client authentication method: HTTP Basic or client_secret in the body");
            }
            String[] credentials = basicCredentials(authorization.substring(6).trim());
            if (clientId != null && !clientId.equals(credentials[0])) {
                throw OAuthException.invalidRequest("client_id in the body differs from the HTTP Basic client");
            }
            clientId = credentials[0];
            clientSecret = credentials[1];
        }
        return new TokenRequest(params.get("grant_type"), clientId, clientSecret, params.get("audience"), params.get("scope"), basic);
    }

    private static Map<String, String> bodyParams(String contentType, String body, com.fasterxml.jackson.databind.ObjectMapper json) {
        String type = contentType == null ? "" : contentType.toLowerCase();
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return formParams(body);
        }
        if (type.startsWith("application/json")) {
            return jsonParams(body, json);
        }
        throw OAuthException.invalidRequest("Content-Type must be application/x-www-form-urlencoded or application/json");
    }

    private static Map<String, String> formParams(String body) {
        Map<String, String> params = new HashMap<>();
        if (body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (params.put(name, value) != null) {
                throw OAuthException.invalidRequest("Parameter " + name + " is repeated");
            }
        }
        params.values().removeIf(String::isEmpty);
        return params;
    }

    private static Map<String, String> jsonParams(String body, com.fasterxml.jackson.databind.ObjectMapper json) {
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (java.io.IOException e) {
            throw OAuthException.invalidRequest("The body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw OAuthException.invalidRequest("The body must be a JSON object");
        }
        Map<String, String> params = new HashMap<>();
        for (var field : (Iterable<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) tree::fields) {
            com.fasterxml.jackson.databind.JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw OAuthException.invalidRequest("Parameter " + field.getKey() + " must be a string");
            }
            if (!value.asText().isEmpty()) {
                params.put(field.getKey(), value.asText());
            }
        }
        return params;
    }

    private static String[] basicCredentials(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("Malformed HTTP Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw OAuthException.invalidRequest("Malformed HTTP Basic credentials");
        }
        return new String[] { decode(decoded.substring(0, colon)), decode(decoded.substring(colon + 1)) };
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("Malformed percent-encoding");
        }
    }
}
