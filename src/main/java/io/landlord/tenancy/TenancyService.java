package io.landlord.tenancy;

import io.landlord.event.EventRecorder;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.time.Clock;
import io.landlord.identityprovider.IdentityProvider;
import io.landlord.identityprovider.IdentityProviderService;
import io.landlord.identityprovider.OidcSettings;
import io.landlord.tenant.Tenant;
import io.landlord.tenant.TenantRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** The tenant's own view (DataTrails tenancies), its public info, and the management plane's verified domain. */
@ApplicationScoped
public class TenancyService {

    private static final String PUBLIC_INFO_SUFFIX = ":publicinfo";
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final TenantRepository tenants;
    private final IdentityProviderService idps;
    private final PublicInfoRateLimiter rateLimiter;

    private final EventRecorder events;

    public TenancyService(TenantRepository tenants, IdentityProviderService idps, PublicInfoRateLimiter rateLimiter, EventRecorder events) {
        this.events = events;
        this.tenants = tenants;
        this.idps = idps;
        this.rateLimiter = rateLimiter;
    }

    @WithSession
    public Uni<TenancyResponse> self(UUID tenantId) {
        return find(tenantId).flatMap(tenant -> idps.find(tenantId).map(idp -> TenancyResponse.of(tenant, idp)));
    }

    /** Changes the display name (the tenant's name) and the enterprise SSO settings, in one transaction. */
    @WithTransaction
    public Uni<TenancyResponse> update(UUID tenantId, UpdateTenancyRequest request) {
        return find(tenantId).flatMap(tenant -> {
            rejectReadOnlyChanges(tenant, request);
            if (request.displayName() != null && !request.displayName().strip().equals(tenant.name)) {
                tenant.name = request.displayName().strip();
                tenant.updatedAt = Clock.now();
            }
            UpdateTenancyRequest.SsoConfig sso = request.enterpriseSsoConfig();
            OidcSettings changes = sso == null
                    ? new OidcSettings(null, null, null, null, request.enterpriseSsoEnabled(), null, null)
                    : new OidcSettings(sso.issuer(), sso.clientId(), sso.clientSecret(), null, request.enterpriseSsoEnabled(),
                            sso.configUrl(), sso.policyId());
            Uni<IdentityProvider> idp = changes.isEmpty() ? idps.find(tenantId) : idps.change(tenantId, changes, "enterpriseSsoConfig.");
            return idp.map(saved -> TenancyResponse.of(tenant, saved));
        }).call(() -> events.succeeded(Map.of()));
    }

    /**
     * Public info of {@code ref} ({@code {uuid}:publicinfo}); every call counts against the caller's rate limit,
     * the unknown and the malformed too, so the endpoint cannot be used to enumerate tenants quickly.
     */
    public Uni<PublicInfoResponse> publicInfo(String ref, String clientAddress) {
        return rateLimiter.acquire(clientAddress).flatMap(ok -> {
            String id = ref.endsWith(PUBLIC_INFO_SUFFIX) ? ref.substring(0, ref.length() - PUBLIC_INFO_SUFFIX.length()) : "";
            if (!CANONICAL_UUID.matcher(id).matches()) {
                return Uni.createFrom().failure(ApiException.notFound("Tenancy"));
            }
            return tenants.findWithEnvironment(UUID.fromString(id))
                    .onItem().ifNull().failWith(() -> ApiException.notFound("Tenancy"))
                    .map(PublicInfoResponse::of);
        });
    }

    @WithTransaction
    public Uni<PublicInfoResponse> setVerifiedDomain(UUID tenantId, VerifiedDomainRequest request) {
        String domain = request.verifiedDomain() == null ? null : request.verifiedDomain().toLowerCase(Locale.ROOT);
        return find(tenantId).map(tenant -> {
            if (!Objects.equals(domain, tenant.verifiedDomain)) {
                tenant.verifiedDomain = domain;
                tenant.updatedAt = Clock.now();
            }
            return PublicInfoResponse.of(tenant);
        }).call(() -> events.succeeded(Map.of()));
    }

    /** identity and verifiedDomain may be sent back as read, never changed (the domain is the management plane's). */
    private static void rejectReadOnlyChanges(Tenant tenant, UpdateTenancyRequest request) {
        List<ErrorDetail> invalid = new ArrayList<>();
        if (request.identity() != null && !request.identity().equals(TenancyResponse.identityOf(tenant))) {
            invalid.add(ErrorDetail.body("identity", request.identity(), "Cannot be changed"));
        }
        if (request.verifiedDomain() != null && !request.verifiedDomain().equalsIgnoreCase(String.valueOf(tenant.verifiedDomain))) {
            invalid.add(ErrorDetail.body("verifiedDomain", request.verifiedDomain(),
                    "Set by the platform operator only (PUT /v1/tenants/{id}/verified-domain)"));
        }
        if (!invalid.isEmpty()) {
            throw ApiException.validation("Request is invalid", invalid);
        }
    }

    private Uni<Tenant> find(UUID tenantId) {
        return tenants.findWithEnvironment(tenantId).onItem().ifNull().failWith(() -> ApiException.notFound("Tenant"));
    }
}
