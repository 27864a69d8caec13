package io.landlord.usage;

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
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class UsageService {

    private final UsageRepository usage;
    private final QuotaNotices notices;

    public UsageService(UsageRepository usage, QuotaNotices notices) {
        this.usage = usage;
        this.notices = notices;
    }

    /** Stores a report once (by its id); a repeat changes nothing. Returns whether it was new. */
    public Uni<Boolean> report(UUID tenantId, UsageReportRequest request) {
        return usage.report(tenantId, request.id(), request.type(), request.quantity(), request.at().atOffset(ZoneOffset.UTC))
                .call(isNew -> isNew ? notices.check(Set.of(tenantId), request.type()) : Uni.createFrom().voidItem());
    }

    /** Hourly usage records in (startTime, tenantId, usageType) order, keyset-paginated. */
    public Uni<Page<UsageRecord>> search(UsageSearchRequest request) {
        int limit = request.limit() == null ? PageRequest.DEFAULT_LIMIT : request.limit();
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            return Uni.createFrom().failure(ApiException.validation(ErrorDetail.body("limit", request.limit(),
                    "Must be an integer from 1 to " + PageRequest.MAX_LIMIT)));
        }
        List<Object> params = new ArrayList<>();
        List<String> where = new ArrayList<>();
        params.add(request.startTime().atOffset(ZoneOffset.UTC));
        where.add("u.bucket_start >= date_trunc('hour', $1::timestamptz)");
        if (request.endTime() != null) {
            params.add(request.endTime().atOffset(ZoneOffset.UTC));
            where.add("u.bucket_start < $" + params.size());
        }
        if (request.tenantId() != null) {
            params.add(request.tenantId());
            where.add("u.tenant_id = $" + params.size());
        }
        if (request.usageType() != null) {
            params.add(request.usageType());
            where.add("u.type = $" + params.size());
        }
        if (request.isTrial() != null) {
            params.add(request.isTrial() ? "TRIAL" : "PRODUCTION");
            where.add("EXISTS (SELECT 1 FROM entitlements e WHERE e.tenant_id = u.tenant_id AND e.type = u.type"
                    + " AND e.contract_mode = $" + params.size() + ")");
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
}
