package io.landlord.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.landlord.support.OAuthCalls;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Schema-driven fuzzing: reads the service's own OpenAPI document and sends every operation malformed and edge inputs
 * with a valid token: invalid path ids, NUL and control characters, 10,000-character strings, bad limits and cursors,
 * repeated query parameters, wrong JSON types, missing and unknown fields, bad enum values, malformed JSON, wrong
 * content types and bodies over the size limit. Every answer must be below 500, every error in the API's error body
 * (or RFC 6749's at the OAuth endpoints), and no body may carry a stack trace, SQL or a client secret.
 */
@QuarkusTest
class OpenApiFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The test support's probe that fails on purpose (support/ErrorProbeResource): not part of the service. */
    private static final String TEST_ONLY = "/test-probe";
    private static final String LONG = "x".repeat(10_000);
    private static final String NUL = "a\u0000b";
    private static final String CONTROL = "a\u0001\u001fb";
    private static final int MAX_SAMPLE_DEPTH = 8;
    private static final Pattern LEAK = Pattern.compile(
            "(?i)(exception|\\bat [a-z]+\\.[a-z]+\\.|\\bselect\\b.+\\bfrom\\b|\\binsert into\\b|\\bupdate\\b.+\\bset\\b|syntax error|sqlstate|llsec_)");
    private static final RestAssuredConfig CONFIG = RestAssured.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false))
            .httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 15_000));

    private record Case(String name, String method, String path, Map<String, List<String>> query, String contentType, String body) {
    }

    private final List<String> findings = new ArrayList<>();
    private int sent;

    @Test
    void no_operation_answers_a_malformed_or_edge_input_with_a_server_error_or_a_leak() throws Exception {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        JsonNode document = JSON.readTree(given().accept("application/json").when().get("/q/openapi?format=json").asString());
        Map<String, String> ids = fixtures(admin);

        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> entry = methods.next();
                JsonNode operation = entry.getValue();
                if (!operation.isObject() || !operation.has("responses") || path.getKey().startsWith(TEST_ONLY)) {
                    continue;
                }
                operations++;
                String method = entry.getKey().toUpperCase();
                for (Case c : cases(document, method, path.getKey(), operation, ids)) {
                    send(admin, c);
                }
            }
        }
        System.out.printf("OpenAPI fuzzing: %d operations, %d requests sent, %d findings%n", operations, sent, findings.size());
        assertEquals(List.of(), findings);
    }

    /** A tenant, its admin client and a management client of their own, so fuzzed writes touch no other test's data. */
    private static Map<String, String> fixtures(String admin) {
        JsonPath tenant = TestTenants.create(admin);
        JsonPath client = OAuthCalls.managementClient("platform-viewer");
        return Map.of("tenantId", tenant.getString("id"), "tenantClientId", tenant.getString("client.clientId"),
                "managementClientId", client.getString("clientId"));
    }

    private List<Case> cases(JsonNode document, String method, String template, JsonNode operation, Map<String, String> ids) {
        List<Case> cases = new ArrayList<>();
        Map<String, String> valid = new LinkedHashMap<>();
        List<JsonNode> queryParameters = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            String in = parameter.path("in").asText();
            if ("path".equals(in)) {
                valid.put(parameter.path("name").asText(), validPathValue(method, template, parameter.path("name").asText(), ids));
            } else if ("query".equals(in)) {
                queryParameters.add(parameter);
            }
        }
        String path = fill(template, valid, null, null);
        JsonNode body = bodySchema(document, operation);
        String validBody = body == null ? null : sample(document, body).toString();
        String bodyType = body == null ? null : "application/json";

        for (String name : valid.keySet()) {
            for (String bad : List.of("not-a-uuid", "%00", "a%01b", LONG, "-1")) {
                cases.add(new Case("path " + name + "=" + abbreviate(bad), method, fill(template, valid, name, bad), Map.of(), bodyType, validBody));
            }
        }
        for (JsonNode parameter : queryParameters) {
            String name = parameter.path("name").asText();
            for (String bad : List.of(NUL, CONTROL, LONG, "0", "-1", "1000000000", "%", "not-a-uuid", "NOT_A_VALUE", "")) {
                cases.add(new Case("query " + name + "=" + abbreviate(bad), method, path, Map.of(name, List.of(bad)), bodyType, validBody));
            }
            cases.add(new Case("query " + name + " repeated", method, path, Map.of(name, List.of("1", "2")), bodyType, validBody));
        }
        for (String limitLike : List.of("limit", "cursor")) {
            cases.add(new Case("query " + limitLike + " garbage", method, path, Map.of(limitLike, List.of("@@@")), bodyType, validBody));
        }
        if (body != null || operation.has("requestBody")) {
            for (String raw : List.of("[]", "\"text\"", "123", "null", "{}", "{\"unknownField\":1}", "{\"a\":", "{\"x\":\"" + NUL + "\"}")) {
                cases.add(new Case("body " + abbreviate(raw), method, path, Map.of(), "application/json", raw));
            }
            cases.add(new Case("body over the size limit", method, path, Map.of(), "application/json",
                    "{\"name\":\"" + "y".repeat(1_100_000) + "\"}"));
            cases.add(new Case("body as text/plain", method, path, Map.of(), "text/plain", validBody == null ? "x" : validBody));
            cases.add(new Case("body as application/xml", method, path, Map.of(), "application/xml", "<a/>"));
        }
        if (body != null) {
            for (Map.Entry<String, JsonNode> property : properties(document, body).entrySet()) {
                for (JsonNode bad : badValues(document, property.getValue())) {
                    ObjectNode mutated = (ObjectNode) sample(document, body);
                    mutated.set(property.getKey(), bad);
                    cases.add(new Case("body " + property.getKey() + "=" + abbreviate(bad.toString()), method, path, Map.of(),
                            "application/json", mutated.toString()));
                }
                ObjectNode without = (ObjectNode) sample(document, body);
                without.remove(property.getKey());
                cases.add(new Case("body without " + property.getKey(), method, path, Map.of(), "application/json", without.toString()));
            }
        }
        return cases;
    }

    /** Deletions get a random id, so the fixtures survive for the other operations; the rest get the fixtures. */
    private static String validPathValue(String method, String template, String name, Map<String, String> ids) {
        if ("DELETE".equals(method) && template.endsWith("{" + name + "}")) {
            return UUID.randomUUID().toString();
        }
        return switch (name) {
            case "tenantId" -> ids.get("tenantId");
            case "clientId" -> template.startsWith("/v1/management") ? ids.get("managementClientId") : ids.get("tenantClientId");
            case "ref" -> ids.get("tenantId") + ":publicinfo";
            default -> UUID.randomUUID().toString();
        };
    }

    private static String fill(String template, Map<String, String> values, String spoiled, String spoiledValue) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            String v = value.getKey().equals(spoiled) ? spoiledValue : value.getValue();
            path = path.replace("{" + value.getKey() + "}", v);
        }
        return path;
    }

    private static JsonNode bodySchema(JsonNode document, JsonNode operation) {
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            schema = operation.path("requestBody").path("content").path("application/merge-patch+json").path("schema");
        }
        JsonNode resolved = resolve(document, schema);
        return resolved != null && "object".equals(resolved.path("type").asText("object")) && resolved.has("properties") ? resolved : null;
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return null;
        }
        String ref = schema.path("$ref").asText(null);
        if (ref == null) {
            return schema;
        }
        JsonNode target = document;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }

    private static Map<String, JsonNode> properties(JsonNode document, JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        schema.path("properties").fields().forEachRemaining(p -> properties.put(p.getKey(), resolve(document, p.getValue())));
        return properties;
    }

    /** A plausible value of the schema's shape: strings, numbers, booleans, lists and objects of sample values. */
    private static JsonNode sample(JsonNode document, JsonNode schema) {
        return sample(document, schema, 0);
    }

    /** Lists below {@link #MAX_SAMPLE_DEPTH} are empty: a schema may contain itself (a bundle's sub-tenants). */
    private static JsonNode sample(JsonNode document, JsonNode schema, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (schema == null) {
            return nodes.textNode("sample");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        return switch (schema.path("type").asText("object")) {
            case "string" -> "uuid".equals(schema.path("format").asText()) ? nodes.textNode(TestTenants.SYDNEY)
                    : "date-time".equals(schema.path("format").asText()) ? nodes.textNode("2030-01-01T00:00:00Z")
                    : nodes.textNode("sample-" + UUID.randomUUID().toString().substring(0, 8));
            case "integer", "number" -> nodes.numberNode(1);
            case "boolean" -> nodes.booleanNode(true);
            case "array" -> depth >= MAX_SAMPLE_DEPTH ? nodes.arrayNode()
                    : nodes.arrayNode().add(sample(document, resolve(document, schema.path("items")), depth + 1));
            default -> {
                ObjectNode object = nodes.objectNode();
                properties(document, schema).forEach((name, property) -> object.set(name, sample(document, property, depth + 1)));
                yield object;
            }
        };
    }

    private static List<JsonNode> badValues(JsonNode document, JsonNode schema) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        List<JsonNode> bad = new ArrayList<>(List.of(nodes.textNode(NUL), nodes.textNode(CONTROL), nodes.textNode(LONG),
                nodes.numberNode(1_000_000_000L), nodes.numberNode(-1), nodes.booleanNode(false), nodes.arrayNode(),
                nodes.objectNode().put("nested", NUL), nodes.nullNode(), nodes.textNode("NOT_A_VALUE"), nodes.textNode("not-a-uuid")));
        if (schema != null && "array".equals(schema.path("type").asText())) {
            bad.add(nodes.arrayNode().add(NUL).add(1).addNull());
            bad.add(nodes.arrayNode().add(LONG));
        }
        return bad;
    }

    private void send(String admin, Case c) {
        // JSON only: a stream (SSE) asked for JSON answers 406 instead of streaming heartbeats for ever
        RequestSpecification request = given().config(CONFIG).urlEncodingEnabled(false).header("Authorization", admin)
                .accept("application/json");
        for (Map.Entry<String, List<String>> parameter : c.query().entrySet()) {
            for (String value : parameter.getValue()) {
                request.queryParam(parameter.getKey(), encode(value));
            }
        }
        if (c.body() != null) {
            request.contentType(c.contentType()).body(c.body());
        }
        Response response;
        try {
            long started = System.nanoTime();
            response = request.when().request(c.method(), encodePath(c.path()));
            response.asString();
            if (System.nanoTime() - started > 5_000_000_000L) {
                findings.add(c.method() + " " + abbreviate(c.path()) + " [" + c.name() + "]: took over 5 s");
            }
        } catch (RuntimeException e) {
            findings.add(c.method() + " " + abbreviate(c.path()) + " [" + c.name() + "]: no answer (" + e.getClass().getSimpleName() + ")");
            sent++;
            return;
        }
        sent++;
        int status = response.statusCode();
        String text = response.asString();
        String where = c.method() + " " + abbreviate(c.path()) + " [" + c.name() + "] -> " + status;
        if (status >= 500) {
            findings.add(where + " " + abbreviate(text));
            return;
        }
        if (status >= 400) {
            checkErrorBody(where, c.path(), text);
        }
    }

    private void checkErrorBody(String where, String path, String text) {
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (Exception e) {
            findings.add(where + ": error body is not JSON: " + abbreviate(text));
            return;
        }
        boolean oauth = path.startsWith("/oauth/");
        boolean seedShape = body != null && body.hasNonNull("code") && body.hasNonNull("type") && body.hasNonNull("message");
        boolean oauthShape = body != null && body.hasNonNull("error");
        if (!(seedShape || oauth && oauthShape)) {
            findings.add(where + ": not the error body: " + abbreviate(text));
        }
        if (LEAK.matcher(text).find()) {
            findings.add(where + ": leaks: " + abbreviate(text));
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String encodePath(String path) {
        StringBuilder encoded = new StringBuilder();
        for (char c : path.toCharArray()) {
            encoded.append(c < 0x20 || c == 0x7f ? String.format("%%%02X", (int) c) : String.valueOf(c));
        }
        return encoded.toString();
    }

    private static String abbreviate(String text) {
        String shown = text.replace("\u0000", "\\0").replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 80 ? shown.substring(0, 80) + "…(" + shown.length() + ")" : shown;
    }
}
