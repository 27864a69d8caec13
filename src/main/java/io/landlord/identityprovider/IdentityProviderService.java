package io.landlord.identityprovider;

import io.landlord.event.EventRecorder;
import io.landlord.common.crypto.SecretBox;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.time.Clock;
import io.landlord.tenant.TenantService;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one store of a tenant's OIDC settings, behind both the management plane's identity provider and the
 * tenant's own {@code enterpriseSsoConfig}. The client secret is sealed with {@link SecretBox} before it is kept
 * and is never returned or logged.
 */
@ApplicationScoped
public class IdentityProviderService {

    private static final int MAX_URL = 2000;
    private static final int MAX_NAME = 255;
    private static final int MAX_SECRET = 1000;

    private final IdentityProviderRepository idps;
    private final TenantService tenants;
    private final SecretBox box;

    private final EventRecorder events;

    public IdentityProviderService(IdentityProviderRepository idps, TenantService tenants, SecretBox box, EventRecorder events) {
        this.events = events;
        this.idps = idps;
        this.tenants = tenants;
        this.box = box;
    }

    public Uni<IdentityProviderResponse> get(UUID tenantId) {
        return tenants.requireExists(tenantId)
                .flatMap(ok -> idps.findOfTenant(tenantId))
                .onItem().ifNull().failWith(() -> ApiException.notFound("Identity provider"))
                .map(IdentityProviderResponse::from);
    }

    @WithTransaction
    public Uni<IdentityProviderResponse> replace(UUID tenantId, IdentityProviderRequest request) {
        return tenants.requireExists(tenantId)
                .flatMap(ok -> save(tenantId, request.toSettings(), true, ""))
                .call(() -> events.succeeded(Map.of()))
                .map(IdentityProviderResponse::from);
    }

    /** The tenant's settings, or null when it has none. */
    public Uni<IdentityProvider> find(UUID tenantId) {
        return idps.findOfTenant(tenantId);
    }

    /**
     * Applies {@code changes} in the caller's transaction and returns the result, or null when nothing is stored
     * and nothing was asked to be. Creating settings needs an issuer and a client id. Invalid members are
     * reported under {@code paramPrefix} (how the caller's API names them).
     */
    public Uni<IdentityProvider> change(UUID tenantId, OidcSettings changes, String paramPrefix) {
        return save(tenantId, changes, false, paramPrefix);
    }

    private Uni<IdentityProvider> save(UUID tenantId, OidcSettings settings, boolean replace, String paramPrefix) {
        List<ErrorDetail> invalid = invalid(settings, paramPrefix);
        if (!invalid.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation("Request is invalid", invalid));
        }
        return idps.findOfTenant(tenantId).flatMap(existing -> {
            if (existing == null && settings.issuer() == null && settings.clientId() == null
                    && !Boolean.TRUE.equals(settings.enabled())) {
                return Uni.createFrom().nullItem();
            }
            Instant now = Clock.now();
            IdentityProvider idp = existing == null ? newFor(tenantId, now) : existing;
            idp.issuer = pick(replace, settings.issuer(), idp.issuer);
            idp.clientId = pick(replace, settings.clientId(), idp.clientId);
            idp.configUrl = pick(replace, settings.configUrl(), idp.configUrl);
            idp.policyId = pick(replace, settings.policyId(), idp.policyId);
            if (settings.scopes() != null) {
                idp.scopes = settings.scopes().toArray(String[]::new);
            }
            if (settings.enabled() != null) {
                idp.enabled = settings.enabled();
            }
            // An empty secret is the placeholder a read shows back (DataTrails style): it keeps the stored one.
            if (settings.clientSecret() != null && !settings.clientSecret().isEmpty()) {
                idp.sealedClientSecret = box.seal(settings.clientSecret().getBytes(StandardCharsets.UTF_8));
            }
            List<ErrorDetail> missing = new ArrayList<>();
            if (idp.issuer == null) {
                missing.add(ErrorDetail.body(paramPrefix + "issuer", null, "Required to configure an identity provider"));
            }
            if (idp.clientId == null) {
                missing.add(ErrorDetail.body(paramPrefix + "clientId", null, "Required to configure an identity provider"));
            }
            if (!missing.isEmpty()) {
                return Uni.createFrom().failure(ApiException.validation("Request is invalid", missing));
            }
            idp.updatedAt = now;
            return existing == null ? idps.persist(idp) : Uni.createFrom().item(idp);
        });
    }

    private static IdentityProvider newFor(UUID tenantId, Instant now) {
        IdentityProvider idp = new IdentityProvider();
        idp.tenantId = tenantId;
        idp.scopes = new String[] { "openid" };
        idp.createdAt = now;
        return idp;
    }

    private static String pick(boolean replace, String given, String current) {
        return replace || given != null ? given : current;
    }

    /** What is wrong with {@code settings}, each member named under {@code prefix}; empty when nothing is. */
    public static List<ErrorDetail> invalid(OidcSettings settings, String prefix) {
        List<ErrorDetail> invalid = new ArrayList<>();
        checkUrl(invalid, prefix + "issuer", settings.issuer());
        checkUrl(invalid, prefix + "configUrl", settings.configUrl());
        checkName(invalid, prefix + "clientId", settings.clientId());
        checkName(invalid, prefix + "policyId", settings.policyId());
        if (settings.clientSecret() != null && settings.clientSecret().length() > MAX_SECRET) {
            // the value is a secret: never echoed
            invalid.add(ErrorDetail.body(prefix + "clientSecret", null, "Must be at most " + MAX_SECRET + " characters"));
        }
        return invalid;
    }

    /** OIDC Discovery §3: an issuer is an https URL with a host and no query or fragment. */
    private static void checkUrl(List<ErrorDetail> invalid, String param, String value) {
        if (value == null) {
            return;
        }
        String problem = null;
        if (value.length() > MAX_URL || !value.startsWith("https://")) {
            problem = "Must be an https URL of at most " + MAX_URL + " characters";
        } else {
            try {
                URI uri = new URI(value);
                if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                        || uri.getRawFragment() != null) {
                    problem = "Must be an https URL with a host and no user info, query or fragment";
                }
            } catch (URISyntaxException e) {
                problem = "Must be a valid https URL";
            }
        }
        if (problem != null) {
            invalid.add(ErrorDetail.body(param, value, problem));
        }
    }

    private static void checkName(List<ErrorDetail> invalid, String param, String value) {
        if (value != null && (value.isBlank() || value.length() > MAX_NAME)) {
            invalid.add(ErrorDetail.body(param, value, "Must be a non-blank string of at most " + MAX_NAME + " characters"));
        }
    }
}
