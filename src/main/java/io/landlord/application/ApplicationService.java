package io.landlord.application;

import io.landlord.event.EventRecorder;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.time.Clock;
import io.landlord.tenant.TenantService;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A tenant's applications; callers have already confined the caller to the tenant. */
@ApplicationScoped
public class ApplicationService {

    /** SOAJS {@code _TTL} values, in hours. */
    static final Set<Integer> TTL_HOURS = Set.of(6, 12, 24, 48, 72, 96, 120, 144, 168);

    private final ApplicationRepository applications;
    private final TenantService tenants;

    private final EventRecorder events;

    public ApplicationService(ApplicationRepository applications, TenantService tenants, EventRecorder events) {
        this.events = events;
        this.applications = applications;
        this.tenants = tenants;
    }

    /** A new application of a tenant, not yet persisted; 400 on a ttlHours SOAJS does not know. */
    public static Application newApplication(UUID tenantId, CreateApplicationRequest request) {
        checkTtl(request.ttlHours());
        Instant now = Clock.now();
        Application app = new Application();
        app.id = UUID.randomUUID();
        app.tenantId = tenantId;
        app.productCode = request.productCode();
        app.packageCode = request.packageCode();
        app.description = request.description();
        app.ttlHours = request.ttlHours();
        app.createdAt = now;
        app.updatedAt = now;
        return app;
    }

    @WithTransaction
    public Uni<ApplicationResponse> create(UUID tenantId, CreateApplicationRequest request) {
        Application app = newApplication(tenantId, request);
        return tenants.requireExists(tenantId).flatMap(ok -> applications.persist(app))
                .call(saved -> events.succeeded(Map.of("applicationId", app.id)))
                .map(ApplicationResponse::from);
    }

    public Uni<Page<ApplicationResponse>> list(UUID tenantId, PageRequest page) {
        return tenants.requireExists(tenantId)
                .flatMap(ok -> applications.page(tenantId, page))
                .map(rows -> Page.of(rows, page, a -> List.of(a.createdAt, a.id), ApplicationResponse::from));
    }

    public Uni<ApplicationResponse> get(UUID tenantId, UUID id) {
        return find(tenantId, id).map(ApplicationResponse::from);
    }

    @WithTransaction
    public Uni<ApplicationResponse> update(UUID tenantId, UUID id, UpdateApplicationRequest request) {
        if (request.ttlHours() != null) {
            checkTtl(request.ttlHours());
        }
        return find(tenantId, id).map(app -> {
            if (request.productCode() != null) {
                app.productCode = request.productCode();
            }
            if (request.packageCode() != null) {
                app.packageCode = request.packageCode();
            }
            if (request.description() != null) {
                app.description = request.description();
            }
            if (request.ttlHours() != null) {
                app.ttlHours = request.ttlHours();
            }
            app.updatedAt = Clock.now();
            return ApplicationResponse.from(app);
        }).call(() -> events.succeeded(Map.of("applicationId", id)));
    }

    /** Deletes the application; its keys go with it, so they stop verifying at once. */
    @WithTransaction
    public Uni<Void> delete(UUID tenantId, UUID id) {
        return find(tenantId, id).flatMap(applications::delete).call(() -> events.succeeded(Map.of("applicationId", id)));
    }

    /** 404 unless the application exists in the tenant. */
    public Uni<Application> find(UUID tenantId, UUID id) {
        return applications.findInTenant(tenantId, id).onItem().ifNull().failWith(() -> ApiException.notFound("Application"));
    }

    private static void checkTtl(int ttlHours) {
        invalidTtl(ttlHours, "ttlHours").ifPresent(problem -> {
            throw ApiException.validation(problem);
        });
    }

    /** The problem with a ttlHours SOAJS does not know, named {@code at}; none for a known one. */
    public static Optional<ErrorDetail> invalidTtl(int ttlHours, String at) {
        return TTL_HOURS.contains(ttlHours) ? Optional.empty()
                : Optional.of(ErrorDetail.body(at, ttlHours, "Must be one of 6, 12, 24, 48, 72, 96, 120, 144 or 168"));
    }
}
