package io.landlord.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.pagination.Cursors;
import io.landlord.common.pagination.PageRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a search request into one parameterised SQL query. Only names from the fixed attribute and operator
 * tables below reach the SQL text; every value is a bind parameter. Text comparisons are case-insensitive and
 * CONTAINS / ENDS_WITH on name and subdomain use the trigram indexes. The keyset cursor carries the ordering's
 * signature and the last row's sort values, so paging stays keyset-based for every ordering.
 */
final class TenantSearch {

    static final int MAX_CONDITIONS = 5;
    static final int MAX_ORDERINGS = 3;
    private static final String NO_UUID = "00000000-0000-0000-0000-000000000000";

    enum Kind { TEXT, ENUM, UUID, BOOLEAN, TIMESTAMP }

    enum Operator {
        EQUALS, NOT_EQUALS, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH,
        GREATER_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL
    }

    private static final Set<Operator> TEXT_OPERATORS = EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.CONTAINS,
            Operator.NOT_CONTAINS, Operator.STARTS_WITH, Operator.ENDS_WITH);
    private static final Set<Operator> TIME_OPERATORS = EnumSet.of(Operator.EQUALS, Operator.GREATER_THAN,
            Operator.GREATER_THAN_OR_EQUAL, Operator.LESS_THAN, Operator.LESS_THAN_OR_EQUAL);

    /** The searchable attributes: their SQL value (for conditions) and sort key (never null, for keysets). */
    enum Attribute {
        NAME("name", Kind.TEXT, "lower(t.name)", "lower(t.name)", Set.of()),
        SUBDOMAIN("subdomain", Kind.TEXT, "lower(t.subdomain)", "lower(t.subdomain)", Set.of()),
        CODE("code", Kind.TEXT, "lower(t.code)", "coalesce(lower(t.code), '')", Set.of()),
        TAG("tag", Kind.TEXT, "lower(t.tag)", "coalesce(lower(t.tag), '')", Set.of()),
        TYPE("type", Kind.ENUM, "t.type", "t.type", Set.of("product", "client")),
        ENVIRONMENT_ID("environmentId", Kind.UUID, "t.environment_id", "t.environment_id", Set.of()),
        MAIN_TENANT_ID("mainTenantId", Kind.UUID, "t.main_tenant_id",
                "coalesce(t.main_tenant_id, '" + NO_UUID + "'::uuid)", Set.of()),
        LOCKED("locked", Kind.BOOLEAN, "t.locked", "t.locked", Set.of()),
        CONTRACT_MODE("contractMode", Kind.ENUM, null,
                "coalesce((SELECT min(e.contract_mode) FROM entitlements e WHERE e.tenant_id = t.id), '')",
                Set.of("TRIAL", "PRODUCTION")),
        CREATED_AT("createdAt", Kind.TIMESTAMP, "t.created_at", "t.created_at", Set.of());

        final String name;
        final Kind kind;
        final String column;
        final String sortKey;
        final Set<String> values;

        Attribute(String name, Kind kind, String column, String sortKey, Set<String> values) {
            this.name = name;
            this.kind = kind;
            this.column = column;
            this.sortKey = sortKey;
            this.values = values;
        }

        static Attribute named(String name) {
            for (Attribute a : values()) {
                if (a.name.equals(name)) {
                    return a;
                }
            }
            return null;
        }

        Set<Operator> operators() {
            return switch (kind) {
                case TEXT -> TEXT_OPERATORS;
                case TIMESTAMP -> TIME_OPERATORS;
                case UUID -> EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS);
                case ENUM, BOOLEAN -> EnumSet.of(Operator.EQUALS);
            };
        }
    }

    record SortKey(Attribute attribute, boolean descending) {
    }

    /** The query: SQL text and its parameters, in order ($1, $2, …). */
    record Query(String sql, List<Object> params, List<SortKey> sortKeys, String signature, int limit) {
    }

    private TenantSearch() {
    }

    static Query compile(TenantSearchRequest request) {
        List<ErrorDetail> invalid = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        List<String> where = new ArrayList<>();
        List<TenantSearchRequest.Condition> conditions = request.searchByAttributes() == null ? List.of() : request.searchByAttributes();
        for (int i = 0; i < conditions.size(); i++) {
            String condition = condition(conditions.get(i), "searchByAttributes[" + i + "]", params, invalid);
            if (condition != null) {
                where.add(condition);
            }
        }
        List<SortKey> sortKeys = sortKeys(request.orderBy(), invalid);
        int limit = PageRequest.bodyLimit(request.limit(), invalid);
        if (!invalid.isEmpty()) {
            throw ApiException.validation("Search request is invalid", invalid);
        }
        String signature = signature(sortKeys);
        if (request.cursor() != null && !request.cursor().isEmpty()) {
            where.add(keyset(sortKeys, decodeCursor(request.cursor(), signature, sortKeys), params));
        }
        StringBuilder sql = new StringBuilder("SELECT t.id");
        for (int i = 0; i < sortKeys.size(); i++) {
            sql.append(", ").append(sortKeys.get(i).attribute().sortKey).append(" AS k").append(i);
        }
        sql.append(" FROM tenants t");
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        sql.append(" ORDER BY ");
        for (SortKey key : sortKeys) {
            sql.append(key.attribute().sortKey).append(key.descending() ? " DESC, " : " ASC, ");
        }
        params.add(limit + 1);
        sql.append("t.id ASC LIMIT $").append(params.size());
        return new Query(sql.toString(), params, sortKeys, signature, limit);
    }

    /** The cursor after a row: the ordering's signature, then its sort values and id. */
    static String cursorAfter(Query query, List<Object> sortValues, UUID id) {
        List<Object> key = new ArrayList<>();
        key.add(query.signature());
        for (Object value : sortValues) {
            key.add(value instanceof java.time.OffsetDateTime time ? time.toInstant() : String.valueOf(value));
        }
        key.add(id);
        return Cursors.encode(key);
    }

    private static String condition(TenantSearchRequest.Condition c, String at, List<Object> params, List<ErrorDetail> invalid) {
        Attribute attribute = Attribute.named(c.attribute());
        if (attribute == null) {
            invalid.add(ErrorDetail.body(at + ".attribute", c.attribute(), "Unknown attribute"));
            return null;
        }
        Operator operator;
        try {
            operator = Operator.valueOf(c.operator());
        } catch (IllegalArgumentException e) {
            operator = null;
        }
        if (operator == null || !attribute.operators().contains(operator)) {
            invalid.add(ErrorDetail.body(at + ".operator", c.operator(), "Operator not allowed for " + attribute.name
                    + "; allowed: " + attribute.operators()));
            return null;
        }
        Object value = value(attribute, c.value(), at, invalid);
        if (value == null) {
            return null;
        }
        if (attribute == Attribute.CONTRACT_MODE) {
            params.add(value);
            return "EXISTS (SELECT 1 FROM entitlements e WHERE e.tenant_id = t.id AND e.contract_mode = $" + params.size() + ")";
        }
        String column = attribute.column;
        if (attribute.kind == Kind.TEXT) {
            String text = ((String) value).toLowerCase(Locale.ROOT);
            String like = escapeLike(text);
            return switch (operator) {
                case EQUALS -> bind(column + " = $", text, params);
                case NOT_EQUALS -> bind(column + " IS DISTINCT FROM $", text, params);
                case CONTAINS -> bind(column + " LIKE $", "%" + like + "%", params);
                case NOT_CONTAINS -> "(" + column + " IS NULL OR " + bind(column + " NOT LIKE $", "%" + like + "%", params) + ")";
                case STARTS_WITH -> bind(column + " LIKE $", like + "%", params);
                case ENDS_WITH -> bind(column + " LIKE $", "%" + like, params);
                default -> throw new IllegalStateException(operator.name());
            };
        }
        return switch (operator) {
            case EQUALS -> bind(column + " = $", value, params);
            case NOT_EQUALS -> bind(column + " IS DISTINCT FROM $", value, params);
            case GREATER_THAN -> bind(column + " > $", value, params);
            case GREATER_THAN_OR_EQUAL -> bind(column + " >= $", value, params);
            case LESS_THAN -> bind(column + " < $", value, params);
            case LESS_THAN_OR_EQUAL -> bind(column + " <= $", value, params);
            default -> throw new IllegalStateException(operator.name());
        };
    }

    private static String bind(String sqlBeforeParam, Object value, List<Object> params) {
        params.add(value);
        return sqlBeforeParam + params.size();
    }

    private static Object value(Attribute attribute, JsonNode value, String at, List<ErrorDetail> invalid) {
        String param = at + ".value";
        switch (attribute.kind) {
            case TEXT:
                if (value.isTextual() && !value.asText().isEmpty() && value.asText().length() <= 200) {
                    return value.asText();
                }
                invalid.add(ErrorDetail.body(param, value, "Must be a string of 1 to 200 characters"));
                return null;
            case ENUM:
                if (value.isTextual() && attribute.values.contains(value.asText())) {
                    return value.asText();
                }
                invalid.add(ErrorDetail.body(param, value, "Must be one of " + attribute.values));
                return null;
            case UUID:
                try {
                    return java.util.UUID.fromString(value.asText());
                } catch (IllegalArgumentException e) {
                    invalid.add(ErrorDetail.body(param, value, "Must be a UUID"));
                    return null;
                }
            case BOOLEAN:
                if (value.isBoolean()) {
                    return value.asBoolean();
                }
                invalid.add(ErrorDetail.body(param, value, "Must be true or false"));
                return null;
            default:
                try {
                    return Instant.parse(value.asText()).atOffset(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    invalid.add(ErrorDetail.body(param, value, "Must be an ISO-8601 UTC time, e.g. 2026-01-31T00:00:00Z"));
                    return null;
                }
        }
    }

    private static List<SortKey> sortKeys(List<TenantSearchRequest.Ordering> orderBy, List<ErrorDetail> invalid) {
        if (orderBy == null || orderBy.isEmpty()) {
            return List.of(new SortKey(Attribute.CREATED_AT, false));
        }
        List<SortKey> keys = new ArrayList<>();
        for (int i = 0; i < orderBy.size(); i++) {
            TenantSearchRequest.Ordering o = orderBy.get(i);
            Attribute attribute = Attribute.named(o.attribute());
            if (attribute == null) {
                invalid.add(ErrorDetail.body("orderBy[" + i + "].attribute", o.attribute(), "Unknown attribute"));
                continue;
            }
            String direction = o.direction() == null ? "ASC" : o.direction();
            if (!direction.equals("ASC") && !direction.equals("DESC")) {
                invalid.add(ErrorDetail.body("orderBy[" + i + "].direction", direction, "Must be ASC or DESC"));
                continue;
            }
            keys.add(new SortKey(attribute, direction.equals("DESC")));
        }
        return keys;
    }

    private static String signature(List<SortKey> keys) {
        StringBuilder signature = new StringBuilder();
        for (SortKey key : keys) {
            signature.append(key.attribute().name).append(key.descending() ? ":DESC," : ":ASC,");
        }
        return signature.append("id").toString();
    }

    /** The sort values of the cursor's row, typed for binding; 400 if the cursor is not for this ordering. */
    private static List<Object> decodeCursor(String cursor, String signature, List<SortKey> keys) {
        List<Object> key;
        try {
            key = PageRequest.of(null, cursor).after();
        } catch (ApiException e) {
            throw invalidCursor(cursor);
        }
        if (key.size() != keys.size() + 2 || !signature.equals(key.get(0)) || !(key.get(key.size() - 1) instanceof UUID)) {
            throw invalidCursor(cursor);
        }
        List<Object> values = new ArrayList<>();
        try {
            for (int i = 0; i < keys.size(); i++) {
                Object raw = key.get(i + 1);
                values.add(switch (keys.get(i).attribute().kind) {
                    case TIMESTAMP -> ((Instant) raw).atOffset(ZoneOffset.UTC);
                    case UUID -> UUID.fromString((String) raw);
                    case BOOLEAN -> Boolean.parseBoolean((String) raw);
                    default -> (String) raw;
                });
            }
        } catch (ClassCastException | IllegalArgumentException e) {
            throw invalidCursor(cursor);
        }
        values.add(key.get(key.size() - 1));
        return values;
    }

    /**
     * Rows strictly after the cursor's row in the ordering. All keys ascending, as the tie-breaking id is: one row
     * comparison, which the planner takes as where to start in the ordering's index, so page N costs what page 1
     * does. Otherwise an OR over the keys (mixed directions allowed), which it can only filter by, led by the bound on
     * the first key that the OR implies: the walk of that key's index starts at the cursor's value, not at the top.
     */
    private static String keyset(List<SortKey> keys, List<Object> after, List<Object> params) {
        if (keys.stream().noneMatch(SortKey::descending)) {
            List<String> columns = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                columns.add(keys.get(i).attribute().sortKey);
                values.add(bind("$", after.get(i), params));
            }
            columns.add("t.id");
            values.add(bind("$", after.get(keys.size()), params));
            return "(" + String.join(", ", columns) + ") > (" + String.join(", ", values) + ")";
        }
        SortKey first = keys.get(0);
        String start = bind(first.attribute().sortKey + (first.descending() ? " <= $" : " >= $"), after.get(0), params);
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i <= keys.size(); i++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                terms.add(bind(keys.get(j).attribute().sortKey + " = $", after.get(j), params));
            }
            if (i < keys.size()) {
                SortKey key = keys.get(i);
                terms.add(bind(key.attribute().sortKey + (key.descending() ? " < $" : " > $"), after.get(i), params));
            } else {
                terms.add(bind("t.id > $", after.get(i), params));
            }
            alternatives.add("(" + String.join(" AND ", terms) + ")");
        }
        return start + " AND (" + String.join(" OR ", alternatives) + ")";
    }

    private static ApiException invalidCursor(String cursor) {
        return ApiException.validation(ErrorDetail.body("cursor", cursor, "Invalid cursor for this search"));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
