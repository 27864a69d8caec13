package io.landlord.token;

import io.landlord.common.error.OAuthException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of a request to an OAuth endpoint (token, introspection, revocation), from a form body (RFC 6749) or
 * a JSON body (MATTR style), with the client credentials from the body or from HTTP Basic (RFC 6749 §2.3.1).
 * Malformed input is an {@code invalid_request}; empty parameters count as absent.
 */
record OAuthRequest(Map<String, String> params, String clientId, String clientSecret, boolean basicAuth) {

    /** A client_credentials request with the secret in the body. */
    static OAuthRequest clientCredentials(String clientId, String clientSecret) {
        return new OAuthRequest(Map.of("grant_type", "client_credentials"), clientId, clientSecret, false);
    }

    String param(String name) {
        return params.get(name);
    }

    /**
     * The {@code token} of an introspection or revocation request: {@code invalid_request} when missing;
     * {@code unsupported_token_type} when {@code token_type_hint} names a type other than {@code access_token} (this
     * server issues no refresh tokens).
     */
    String token() {
        String token = params.get("token");
        if (token == null) {
            throw OAuthException.invalidRequest("token is required");
        }
        String hint = params.get("token_type_hint");
        if (hint != null && !"access_token".equals(hint)) {
            throw OAuthException.unsupportedTokenType("Only access tokens are issued here (token_type_hint=access_token)");
        }
        return token;
    }

    static OAuthRequest parse(String contentType, String body, String authorization, com.fasterxml.jackson.databind.ObjectMapper json) {
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
        return new OAuthRequest(Map.copyOf(params), clientId, clientSecret, basic);
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
