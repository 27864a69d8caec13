package io.landlord.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one check for control characters in what a request sends: PostgreSQL refuses NUL in text, and no field of this
 * API means to hold one. A NUL or another C0 control character (or DEL) in a path or query parameter, or in a JSON or
 * form body's strings and names (tab, line feed and carriage return allowed there), is a 400 naming every such
 * input, before any operation runs.
 */
@Provider
public class ControlCharacters implements ReaderInterceptor {

    private static final String MESSAGE = "Must not contain NUL or other control characters";
    private final ObjectMapper json;

    public ControlCharacters(ObjectMapper json) {
        this.json = json;
    }

    @ServerRequestFilter
    public void checkParameters(ContainerRequestContext request) {
        List<ErrorDetail> invalid = new ArrayList<>();
        collect(request.getUriInfo().getPathParameters(), false, invalid);
        collect(request.getUriInfo().getQueryParameters(), true, invalid);
        if (!invalid.isEmpty()) {
            throw ApiException.validation("Request is invalid", invalid);
        }
    }

    private static void collect(MultivaluedMap<String, String> parameters, boolean query, List<ErrorDetail> invalid) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            boolean bad = hasControl(parameter.getKey(), false)
                    || parameter.getValue().stream().anyMatch(value -> hasControl(value, false));
            if (bad) {
                String name = printable(parameter.getKey());
                invalid.add(query ? ErrorDetail.query(name, null, MESSAGE) : ErrorDetail.path(name, null, MESSAGE));
            }
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        boolean isJson = type != null && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        boolean isForm = type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        if (!isJson && !isForm) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        List<ErrorDetail> invalid = new ArrayList<>();
        if (isJson) {
            checkJson(body, invalid);
        } else {
            checkForm(new String(body, StandardCharsets.UTF_8), invalid);
        }
        if (!invalid.isEmpty()) {
            throw ApiException.validation("Request is invalid", invalid);
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** Malformed JSON is left to the body's reader, which reports it as such. */
    private void checkJson(byte[] body, List<ErrorDetail> invalid) {
        JsonNode tree;
        try {
            tree = body.length == 0 ? null : json.readTree(body);
        } catch (JsonProcessingException malformed) {
            return;
        } catch (IOException unreadable) {
            return;
        }
        if (tree != null) {
            walk(tree, "", invalid);
        }
    }

    private static void walk(JsonNode node, String path, List<ErrorDetail> invalid) {
        if (node.isTextual()) {
            if (hasControl(node.textValue(), true)) {
                invalid.add(ErrorDetail.body(path.isEmpty() ? null : path, null, MESSAGE));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", invalid);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = path.isEmpty() ? printable(field.getKey()) : path + "." + printable(field.getKey());
                if (hasControl(field.getKey(), true)) {
                    invalid.add(ErrorDetail.body(child, null, MESSAGE));
                } else {
                    walk(field.getValue(), child, invalid);
                }
            }
        }
    }

    /** Malformed percent-encoding is left to the endpoint, which reports it as such. */
    private static void checkForm(String body, List<ErrorDetail> invalid) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (hasControl(name, true) || hasControl(value, true)) {
                    invalid.add(ErrorDetail.body(printable(name), null, MESSAGE));
                }
            } catch (IllegalArgumentException malformed) {
                return;
            }
        }
    }

    /** C0 controls and DEL; in free text (bodies), tab, line feed and carriage return are allowed. */
    static boolean hasControl(String text, boolean freeText) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && !(freeText && (c == '\t' || c == '\n' || c == '\r')) || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** A parameter's name as an error may echo it: control characters shown as U+FFFD. */
    private static String printable(String name) {
        StringBuilder shown = new StringBuilder(name.length());
        name.chars().forEach(c -> shown.append(c < 0x20 || c == 0x7f ? '\uFFFD' : (char) c));
        return shown.toString();
    }
}
