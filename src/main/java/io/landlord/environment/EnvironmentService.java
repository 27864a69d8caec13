package io.landlord.environment;

import io.landlord.common.error.ApiException;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class EnvironmentService {

    private final EnvironmentRepository environments;

    public EnvironmentService(EnvironmentRepository environments) {
        this.environments = environments;
    }

    public Uni<Page<EnvironmentResponse>> list(PageRequest page) {
        return environments.page(page)
                .map(rows -> Page.of(rows, page, e -> List.of(e.createdAt, e.id), EnvironmentResponse::from));
    }

    public Uni<EnvironmentResponse> get(UUID id) {
        return environments.findOne(id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("Environment"))
                .map(EnvironmentResponse::from);
    }
}
