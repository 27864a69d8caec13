package io.landlord.identityprovider;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class IdentityProviderRepository implements PanacheRepositoryBase<IdentityProvider, UUID> {

    @WithSession
    public Uni<IdentityProvider> findOfTenant(UUID tenantId) {
        return findById(tenantId);
    }
}
