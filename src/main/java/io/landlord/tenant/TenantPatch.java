package io.landlord.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON merge patch (RFC 7386) of a tenant's changeable fields: name, description, tag and profile. A member
 * set to null removes the value (name cannot be removed); {@code profile} is merged recursively.
 */
final class TenantPatch {

    private static final Set<String> IMMUTABLE = Set.of("id", "subdomain", "environment", "environmentId", "type",
            "mainTenantId", "code", "locked", "lockedAt", "createdAt", "updatedAt", "client");

    private final JsonNode patch;

    private TenantPatch(JsonNode patch) {
        this.patch = patch;
    }

    /** Validates the whole patch first, reporting every bad member at once. */
    static TenantPatch parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.validation(ErrorDetail.body(null, null, "The body must be a JSON object"));
        }
        List<ErrorDetail> invalid = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            String field = member.getKey();
            JsonNode value = member.getValue();
            switch (field) {
                case "name" -> {
                    if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 200) {
                        invalid.add(ErrorDetail.body(field, value, "Must be a non-blank string of at most 200 characters"));
                    }
                }
                case "description" -> checkOptionalText(invalid, field, value, 2000);
                case "tag" -> checkOptionalText(invalid, field, value, 100);
                case "profile" -> {
                    if (!value.isNull() && !value.isObject()) {
                        invalid.add(ErrorDetail.body(field, value, "Must be a JSON object or null"));
                    }
                }
                default -> invalid.add(ErrorDetail.body(field, value,
                        IMMUTABLE.contains(field) ? "Cannot be changed" : "Unknown field"));
            }
        }
        if (!invalid.isEmpty()) {
            throw ApiException.validation("Request is invalid", invalid);
        }
        return new TenantPatch(body);
    }

    /** Applies the patch; returns whether anything changed. */
    boolean applyTo(Tenant tenant, ObjectMapper json) {
        boolean changed = false;
        if (patch.has("name")) {
            changed |= !patch.get("name").asText().strip().equals(tenant.name);
            tenant.name = patch.get("name").asText().strip();
        }
        if (patch.has("description")) {
            String value = textOrNull(patch.get("description"));
            changed |= !java.util.Objects.equals(value, tenant.description);
            tenant.description = value;
        }
        if (patch.has("tag")) {
            String value = textOrNull(patch.get("tag"));
            changed |= !java.util.Objects.equals(value, tenant.tag);
            tenant.tag = value;
        }
        if (patch.has("profile")) {
            ObjectNode current = tenant.profile == null ? json.createObjectNode() : json.valueToTree(tenant.profile);
            JsonNode merged = patch.get("profile").isNull() ? json.createObjectNode() : merge(current, patch.get("profile"));
            Map<String, Object> profile = json.convertValue(merged, LinkedHashMap.class);
            changed |= !profile.equals(tenant.profile);
            tenant.profile = profile;
        }
        return changed;
    }

    /** RFC 7386 MergePatch(target, patch). */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : ((ObjectNode) patch).objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), merge(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }

    private static void checkOptionalText(List<ErrorDetail> invalid, String field, JsonNode value, int max) {
        if (!value.isNull() && (!value.isTextual() || value.asText().length() > max)) {
            invalid.add(ErrorDetail.body(field, value, "Must be a string of at most " + max + " characters, or null"));
        }
    }

    private static String textOrNull(JsonNode value) {
        return value.isNull() ? null : value.asText();
    }
}
