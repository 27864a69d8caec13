package io.landlord.usage;

import io.landlord.event.EventRecorder;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.pagination.Cursors;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class UsageService {

    private final UsageRepository usage;
    private final QuotaNotices notices;

    private final EventRecorder events;

    public UsageService(UsageRepository usage, QuotaNotices notices, EventRecorder events) {
        this.events = events;
        this.usage = usage;
        this.notices = notices;
    }

    /** Stores a report once (by its id); a repeat changes nothing. Returns whether it was new. */
    public Uni<Boolean> report(UUID tenantId, UsageReportRequest request) {
        return usage.report(tenantId, request.id(), request.type(), request.quantity(), request.at().atOffset(ZoneOffset.UTC),
                        (transaction, isNew) -> events.succeededOn(transaction, Map.of("reportId", request.id(), "new", isNew)))
                .call(isNew -> isNew ? notices.check(Set.of(tenantId), request.type()) : Uni.createFrom().voidItem());
    }

    private static final Set<String> TIME_OPERATORS = Set.of("GREATER_THAN", "GREATER_THAN_OR_EQUAL", "LESS_THAN",
            "LESS_THAN_OR_EQUAL");
    private static final Map<String, String> COMPARISONS = Map.of("GREATER_THAN", " > ", "GREATER_THAN_OR_EQUAL", " >= ",
            "LESS_THAN", " < ", "LESS_THAN_OR_EQUAL", " <= ");
    private static final Set<String> TYPES = Set.of("USERS", "TRANSACTIONS", "AUTHENTICATIONS", "ISSUANCE");

    /**
     * Hourly usage records in (startTime, tenantId, usageType) order, keyset-paginated. {@code tenantScope}, when
     * set, confines a tenant client to its own tenant (another tenant's id is a 404).
     */
    public Uni<Page<UsageRecord>> search(UsageSearchRequest request, UUID tenantScope) {
        List<ErrorDetail> invalid = new ArrayList<>();
        int limit = PageRequest.bodyLimit(request.limit(), invalid);
        List<Object> params = new ArrayList<>();
        List<String> where = new ArrayList<>();
        boolean hasStartTime = false;
        for (int i = 0; i < request.searchByAttributes().size(); i++) {
            UsageSearchRequest.Condition c = request.searchByAttributes().get(i);
            String at = "searchByAttributes[" + i + "]";
            String value = c.value().asText();
            switch (c.attribute()) {
                case "startTime", "endTime" -> {
                    hasStartTime |= c.attribute().equals("startTime");
                    if (!TIME_OPERATORS.contains(c.operator())) {
                        invalid.add(ErrorDetail.body(at + ".operator", c.operator(), "Allowed: " + TIME_OPERATORS));
                        continue;
                    }
                    Instant time = parseTime(value);
                    if (time == null) {
                        invalid.add(ErrorDetail.body(at + ".value", value, "Must be an ISO-8601 UTC time, e.g. 2026-08-04T18:15:30Z"));
                        continue;
                    }
                    params.add(time.atOffset(ZoneOffset.UTC));
                    String column = c.attribute().equals("startTime") ? "u.bucket_start" : "(u.bucket_start + interval '1 hour')";
                    where.add(column + COMPARISONS.get(c.operator()) + "$" + params.size());
                }
                case "tenantId" -> {
                    UUID tenant = equalsCondition(c, at, invalid) ? parseUuid(value) : null;
                    if (tenant == null) {
                        invalid.add(ErrorDetail.body(at + ".value", value, "Must be a tenant id (UUID)"));
                        continue;
                    }
                    if (tenantScope != null && !tenantScope.equals(tenant)) {
                        throw ApiException.notFound("Tenant");
                    }
                    params.add(tenant);
                    where.add("u.tenant_id = $" + params.size());
                }
                case "usageType" -> {
                    if (equalsCondition(c, at, invalid) && !TYPES.contains(value)) {
                        invalid.add(ErrorDetail.body(at + ".value", value, "Must be one of " + TYPES));
                        continue;
                    }
                    params.add(value);
                    where.add("u.type = $" + params.size());
                }
                case "isTrial" -> {
                    if (equalsCondition(c, at, invalid) && !c.value().isBoolean()) {
                        invalid.add(ErrorDetail.body(at + ".value", value, "Must be true or false"));
                        continue;
                    }
                    params.add(c.value().asBoolean() ? "TRIAL" : "PRODUCTION");
                    where.add("EXISTS (SELECT 1 FROM entitlements e WHERE e.tenant_id = u.tenant_id AND e.type = u.type"
                            + " AND e.contract_mode = $" + params.size() + ")");
                }
                default -> invalid.add(ErrorDetail.body(at + ".attribute", c.attribute(),
                        "Unknown attribute; use startTime, endTime, tenantId, isTrial or usageType"));
            }
        }
        if (!hasStartTime) {
            invalid.add(ErrorDetail.body("searchByAttributes", null, "A startTime condition is required"));
        }
        if (!invalid.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation("Usage search is invalid", invalid));
        }
        if (tenantScope != null) {
            params.add(tenantScope);
            where.add("u.tenant_id = $" + params.size());
        }
        if (request.cursor() != null && !request.cursor().isEmpty()) {
            PageRequest after = PageRequest.of(null, request.cursor());
            try {
                params.add(after.key(0, Instant.class).atOffset(ZoneOffset.UTC));
                params.add(after.key(1, UUID.class));
                params.add(after.key(2, String.class));
            } catch (ApiException e) {
                throw ApiException.validation(ErrorDetail.body("cursor", request.cursor(), "Invalid cursor"));
            }
            int n = params.size();
            where.add("(u.bucket_start, u.tenant_id, u.type) > ($" + (n - 2) + ", $" + (n - 1) + ", $" + n + ")");
        }
        params.add(limit + 1);
        String sql = "SELECT u.tenant_id, u.type, u.bucket_start, u.quantity FROM usage u WHERE " + String.join(" AND ", where)
                + " ORDER BY u.bucket_start, u.tenant_id, u.type LIMIT $" + params.size();
        return usage.search(sql, Tuple.from(params)).map(rows -> {
            boolean more = rows.size() > limit;
            List<Row> shown = more ? rows.subList(0, limit) : rows;
            List<UsageRecord> records = shown.stream().map(r -> {
                Instant start = r.getOffsetDateTime("bucket_start").toInstant();
                return new UsageRecord(r.getUUID("tenant_id"), r.getString("type"), start, start.plus(1, ChronoUnit.HOURS),
                        r.getLong("quantity"));
            }).toList();
            String next = null;
            if (more) {
                UsageRecord last = records.get(records.size() - 1);
                next = Cursors.encode(List.of(last.startTime(), last.tenantId(), last.usageType()));
            }
            return new Page<>(records, next);
        });
    }

    private static boolean equalsCondition(UsageSearchRequest.Condition c, String at, List<ErrorDetail> invalid) {
        if (!"EQUALS".equals(c.operator())) {
            invalid.add(ErrorDetail.body(at + ".operator", c.operator(), "Allowed: EQUALS"));
            return false;
        }
        return true;
    }

    private static Instant parseTime(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static UUID parseUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
