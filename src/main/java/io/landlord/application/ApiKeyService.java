package io.landlord.application;

import io.landlord.event.EventRecorder;
import io.landlord.common.crypto.Secrets;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.time.Clock;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * API keys: 256 random bits behind the prefix {@code llkey_} (so secret scanners can spot a leaked one), shown
 * once, kept as their SHA-256 only. A 256-bit random key needs no slow hash, and hashing makes the lookup
 * constant-time with respect to the key's bytes.
 */
@ApplicationScoped
public class ApiKeyService {

    static final String KEY_PREFIX = "llkey_";

    private final ApiKeyRepository keys;
    private final ApplicationService applications;

    private final EventRecorder events;

    public ApiKeyService(ApiKeyRepository keys, ApplicationService applications, EventRecorder events) {
        this.events = events;
        this.keys = keys;
        this.applications = applications;
    }

    /** A new key's value, shown once and kept as its hash. */
    public static String newKey() {
        return KEY_PREFIX + Secrets.randomToken(32);
    }

    /** A key of {@code app}, not yet persisted; it expires after the application's ttlHours unless the request says when. */
    public static ApiKey newApiKey(Application app, byte[] keyHash, CreateApiKeyRequest request) {
        Instant now = Clock.now();
        ApiKey apiKey = new ApiKey();
        apiKey.id = UUID.randomUUID();
        apiKey.applicationId = app.id;
        apiKey.keyHash = keyHash;
        apiKey.label = request.label();
        apiKey.env = request.env();
        apiKey.device = request.device();
        apiKey.geo = request.geo();
        apiKey.config = request.config() == null ? new LinkedHashMap<>() : request.config();
        apiKey.expiresAt = request.expiresAt() != null ? request.expiresAt().truncatedTo(ChronoUnit.MICROS)
                : now.plus(Duration.ofHours(app.ttlHours));
        apiKey.createdAt = now;
        return apiKey;
    }

    @WithTransaction
    public Uni<ApiKeyResponse> create(UUID tenantId, UUID applicationId, CreateApiKeyRequest request) {
        Instant now = Clock.now();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ApiException.validation(ErrorDetail.body("expiresAt", request.expiresAt(), "Must be in the future"));
        }
        String key = newKey();
        return applications.find(tenantId, applicationId)
                .flatMap(app -> keys.persist(newApiKey(app, Secrets.hash(key), request)))
                .call(saved -> events.succeeded(Map.of("applicationId", applicationId, "keyId", saved.id)))
                .map(saved -> ApiKeyResponse.withKey(saved, key));
    }

    public Uni<Page<ApiKeyResponse>> list(UUID tenantId, UUID applicationId, PageRequest page) {
        return applications.find(tenantId, applicationId)
                .flatMap(app -> keys.page(app.id, page))
                .map(rows -> Page.of(rows, page, k -> List.of(k.createdAt, k.id), ApiKeyResponse::from));
    }

    /** Revokes the key: it stops verifying as soon as this commits; it stays listed with {@code revokedAt}. */
    @WithTransaction
    public Uni<Void> revoke(UUID tenantId, UUID applicationId, UUID keyId) {
        return applications.find(tenantId, applicationId)
                .flatMap(app -> keys.findInApplication(app.id, keyId))
                .onItem().ifNull().failWith(() -> ApiException.notFound("API key"))
                .invoke(key -> {
                    if (key.revokedAt == null) {
                        key.revokedAt = Clock.now();
                    }
                })
                .call(() -> events.succeeded(Map.of("applicationId", applicationId, "keyId", keyId)))
                .replaceWithVoid();
    }

    /** Expired, revoked, unknown, or of a locked tenant: the same 404, so a probe learns nothing. */
    public Uni<VerifiedApiKeyResponse> verify(VerifyApiKeyRequest request) {
        return keys.findLive(Secrets.hash(request.key()))
                .onItem().ifNull().failWith(() -> new ApiException(404, "InvalidKey", "The API key is not valid", List.of()));
    }
}
