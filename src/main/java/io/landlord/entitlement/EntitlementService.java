package io.landlord.entitlement;

import io.landlord.event.EventRecorder;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.pagination.Page;
import io.landlord.common.time.Clock;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A tenant's entitlements: at most one per type, replaced as a whole by PUT. */
@ApplicationScoped
public class EntitlementService {

    static final Set<String> TYPES = Set.of("USERS", "TRANSACTIONS", "AUTHENTICATIONS", "ISSUANCE");

    private final EntitlementRepository entitlements;

    private final EventRecorder events;

    public EntitlementService(EntitlementRepository entitlements, EventRecorder events) {
        this.events = events;
        this.entitlements = entitlements;
    }

    public Uni<Page<EntitlementResponse>> list(UUID tenantId) {
        return entitlements.ofTenant(tenantId).map(rows -> new Page<>(rows.stream().map(EntitlementResponse::from).toList(), null));
    }

    public Uni<EntitlementResponse> get(UUID tenantId, String type) {
        if (!TYPES.contains(type)) {
            return Uni.createFrom().failure(ApiException.validation(ErrorDetail.path("type", type,
                    "Must be USERS, TRANSACTIONS, AUTHENTICATIONS or ISSUANCE")));
        }
        return entitlements.findOne(tenantId, type)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Entitlement"))
                .map(EntitlementResponse::from);
    }

    /** Creates or replaces the tenant's entitlement of the request's type. */
    @WithTransaction
    public Uni<EntitlementResponse> put(UUID tenantId, EntitlementRequest request) {
        check(request, "");
        return entitlements.findOne(tenantId, request.type()).flatMap(existing -> {
            Entitlement e = existing != null ? existing : newEntitlement(tenantId, request.type());
            apply(e, request);
            return existing != null ? Uni.createFrom().item(e) : entitlements.persist(e);
        }).call(() -> events.succeeded(Map.of("entitlementType", request.type()))).map(EntitlementResponse::from);
    }

    /** Adds a new tenant's entitlements within the caller's transaction (tenant create). */
    public Uni<Void> addAll(UUID tenantId, List<EntitlementRequest> requests) {
        if (requests == null || requests.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        for (int i = 0; i < requests.size(); i++) {
            check(requests.get(i), "entitlements[" + i + "].");
        }
        if (requests.stream().map(EntitlementRequest::type).distinct().count() != requests.size()) {
            return Uni.createFrom().failure(ApiException.validation(ErrorDetail.body("entitlements", null, "One entitlement per type")));
        }
        List<Entitlement> rows = requests.stream().map(r -> {
            Entitlement e = newEntitlement(tenantId, r.type());
            apply(e, r);
            return e;
        }).toList();
        return entitlements.persist(rows.stream()).replaceWithVoid();
    }

    private static void check(EntitlementRequest request, String at) {
        if (request.startsAt() != null && request.endsAt() != null && !request.endsAt().isAfter(request.startsAt())) {
            throw ApiException.validation(ErrorDetail.body(at + "endsAt", request.endsAt(), "Must be after startsAt"));
        }
    }

    private static Entitlement newEntitlement(UUID tenantId, String type) {
        Entitlement e = new Entitlement();
        e.tenantId = tenantId;
        e.type = type;
        e.createdAt = Clock.now();
        return e;
    }

    private static void apply(Entitlement e, EntitlementRequest r) {
        Instant now = Clock.now();
        e.quantity = r.quantity();
        e.contractMode = r.contractMode();
        e.startsAt = r.startsAt();
        e.endsAt = r.endsAt();
        e.hardLimit = Boolean.TRUE.equals(r.hardLimit());
        e.updatedAt = now;
    }
}
