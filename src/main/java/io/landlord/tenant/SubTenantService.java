package io.landlord.tenant;

import io.landlord.common.error.ApiException;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Read access to a main tenant's sub-tenants (SOAJS type {@code client} tenants naming it as mainTenant). */
@ApplicationScoped
public class SubTenantService {

    private final TenantRepository tenants;
    private final TenantService tenantService;

    public SubTenantService(TenantRepository tenants, TenantService tenantService) {
        this.tenants = tenants;
        this.tenantService = tenantService;
    }

    public Uni<Page<SubTenantResponse>> list(UUID mainTenantId, PageRequest page) {
        return tenantService.requireExists(mainTenantId)
                .flatMap(ok -> tenants.subTenantPage(mainTenantId, page))
                .map(rows -> Page.of(rows, page, t -> List.of(t.createdAt, t.id), SubTenantResponse::from));
    }

    /** 404 unless {@code id} is a sub-tenant of {@code mainTenantId}. */
    public Uni<SubTenantResponse> get(UUID mainTenantId, UUID id) {
        return tenants.findSubTenant(mainTenantId, id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Sub-tenant"))
                .map(SubTenantResponse::from);
    }
}
