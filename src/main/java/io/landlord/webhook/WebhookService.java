package io.landlord.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.landlord.common.crypto.SecretBox;
import io.landlord.common.crypto.Secrets;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.time.Clock;
import io.landlord.event.EventRecorder;
import io.landlord.tenant.TenantRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Webhooks: create (the signing secret is shown once, kept only sealed), list, read, change, delete. A target URL is
 * checked before the transaction that stores it: resolving its host is blocking work, done off the event loop.
 */
@ApplicationScoped
public class WebhookService {

    static final String SECRET_PREFIX = "whsec_";
    private static final Duration DEFAULT_SECRET_OVERLAP = Duration.ofHours(24);
    private static final Duration LONGEST_SECRET_OVERLAP = Duration.ofDays(7);
    static final Pattern EVENT_TYPE = Pattern.compile("^[A-Z][A-Z0-9_]{2,99}$");
    static final int MAX_EVENT_TYPES = 100;
    private static final Set<String> IMMUTABLE = Set.of("id", "secret", "failingSince", "previousSecretExpiresAt", "createdAt",
            "updatedAt");

    private final WebhookRepository webhooks;
    private final TenantRepository tenants;
    private final WebhookTargets targets;
    private final SecretBox box;
    private final EventRecorder events;

    public WebhookService(WebhookRepository webhooks, TenantRepository tenants, WebhookTargets targets, SecretBox box,
            EventRecorder events) {
        this.webhooks = webhooks;
        this.tenants = tenants;
        this.targets = targets;
        this.box = box;
        this.events = events;
    }

    /** The accepted changes of a PATCH; a null member is not changed ({@code tenantId} has its own flag). */
    record Changes(String url, List<String> eventTypes, boolean tenantGiven, UUID tenantId, Boolean enabled) {
    }

    public Uni<WebhookResponse> create(CreateWebhookRequest request) {
        List<ErrorDetail> invalid = new ArrayList<>();
        checkUrl(invalid, request.url());
        List<String> types = eventTypes(invalid, request.eventTypes());
        if (!invalid.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation("Request is invalid", invalid));
        }
        return targets.requireAllowed("url", request.url()).flatMap(ok -> store(request, types));
    }

    @WithTransaction
    Uni<WebhookResponse> store(CreateWebhookRequest request, List<String> types) {
        String secret = newSecret();
        Instant now = Clock.now();
        Webhook webhook = new Webhook();
        webhook.id = UUID.randomUUID();
        webhook.url = request.url();
        webhook.eventTypes = types.toArray(String[]::new);
        webhook.tenantId = request.tenantId();
        webhook.enabled = request.enabled() == null || request.enabled();
        webhook.sealedSecret = box.seal(secret.getBytes(StandardCharsets.UTF_8));
        webhook.createdAt = now;
        webhook.updatedAt = now;
        return requireTenant(webhook.tenantId)
                .flatMap(ok -> webhooks.persist(webhook))
                .call(saved -> events.succeeded(Map.of("webhookId", saved.id)))
                .map(saved -> WebhookResponse.withSecret(saved, secret));
    }

    public Uni<Page<WebhookResponse>> list(PageRequest page) {
        return webhooks.page(page).map(rows -> Page.of(rows, page, w -> List.of(w.createdAt, w.id), WebhookResponse::from));
    }

    public Uni<WebhookResponse> get(UUID id) {
        return find(id).map(WebhookResponse::from);
    }

    public Uni<WebhookResponse> update(UUID id, JsonNode patch) {
        Changes changes = parse(patch);
        Uni<Void> target = changes.url() == null ? Uni.createFrom().voidItem() : targets.requireAllowed("url", changes.url());
        return target.flatMap(ok -> apply(id, changes));
    }

    @WithTransaction
    Uni<WebhookResponse> apply(UUID id, Changes changes) {
        return find(id).flatMap(webhook -> {
            if (changes.url() != null) {
                webhook.url = changes.url();
            }
            if (changes.eventTypes() != null) {
                webhook.eventTypes = changes.eventTypes().toArray(String[]::new);
            }
            if (changes.tenantGiven()) {
                webhook.tenantId = changes.tenantId();
            }
            if (changes.enabled() != null) {
                if (changes.enabled() && !webhook.enabled) {
                    webhook.failingSince = null; // re-enabled: the failing streak starts over
                }
                webhook.enabled = changes.enabled();
            }
            webhook.updatedAt = Clock.now();
            return requireTenant(changes.tenantGiven() ? changes.tenantId() : null)
                    .call(() -> events.succeeded(Map.of("webhookId", id)))
                    .map(ok -> WebhookResponse.from(webhook));
        });
    }

    /**
     * A new signing secret, shown in the answer only. The current one keeps signing beside it for the time asked
     * (replacing a previous secret still signing: at most two sign at once), so receivers can switch over.
     */
    public Uni<WebhookResponse> rotateSecret(UUID id, RotateSecretRequest request) {
        Long seconds = request == null ? null : request.previousSecretExpiresInSeconds();
        Duration overlap = seconds == null ? DEFAULT_SECRET_OVERLAP : Duration.ofSeconds(seconds);
        if (overlap.isNegative() || overlap.compareTo(LONGEST_SECRET_OVERLAP) > 0) {
            return Uni.createFrom().failure(ApiException.validation(ErrorDetail.body("previousSecretExpiresInSeconds", seconds,
                    "Must be between 0 and " + LONGEST_SECRET_OVERLAP.toSeconds())));
        }
        return replaceSecret(id, overlap);
    }

    @WithTransaction
    Uni<WebhookResponse> replaceSecret(UUID id, Duration overlap) {
        return find(id).flatMap(webhook -> {
            String secret = newSecret();
            Instant now = Clock.now();
            webhook.previousSealedSecret = overlap.isZero() ? null : webhook.sealedSecret;
            webhook.previousSecretExpiresAt = overlap.isZero() ? null : now.plus(overlap);
            webhook.sealedSecret = box.seal(secret.getBytes(StandardCharsets.UTF_8));
            webhook.updatedAt = now;
            return events.succeeded(Map.of("webhookId", id)).map(ok -> WebhookResponse.withSecret(webhook, secret));
        });
    }

    private static String newSecret() {
        return SECRET_PREFIX + Secrets.randomToken(32);
    }

    /** Deletes the webhook with its deliveries and their attempts. */
    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return find(id).flatMap(webhooks::delete).call(() -> events.succeeded(Map.of("webhookId", id)));
    }

    public Uni<Webhook> find(UUID id) {
        return webhooks.findOne(id).onItem().ifNull().failWith(() -> ApiException.notFound("Webhook"));
    }

    /** A filter on a tenant that does not exist is a 400 (the foreign key still decides in a race: then a 409). */
    private Uni<Void> requireTenant(UUID tenantId) {
        if (tenantId == null) {
            return Uni.createFrom().voidItem();
        }
        return tenants.count("id", tenantId).map(count -> {
            if (count == 0) {
                throw ApiException.validation(ErrorDetail.body("tenantId", tenantId, "Unknown tenant"));
            }
            return null;
        });
    }

    private static void checkUrl(List<ErrorDetail> invalid, String url) {
        String problem = WebhookTargets.syntaxProblem(url);
        if (problem != null) {
            invalid.add(ErrorDetail.body("url", url, problem));
        }
    }

    /** The distinct types, in the order given; empty (every type) when absent. */
    private static List<String> eventTypes(List<ErrorDetail> invalid, List<String> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_EVENT_TYPES) {
            invalid.add(ErrorDetail.body("eventTypes", given.size() + " types", "At most " + MAX_EVENT_TYPES + " event types"));
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String type = given.get(i);
            if (type == null || !EVENT_TYPE.matcher(type).matches()) {
                invalid.add(ErrorDetail.body("eventTypes[" + i + "]", type, "Must match " + EVENT_TYPE.pattern()));
            } else {
                types.add(type);
            }
        }
        return List.copyOf(types);
    }

    private static UUID uuidOrNull(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(value.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A JSON merge patch (RFC 7386) of url, eventTypes, tenantId (null: every tenant) and enabled. */
    private static Changes parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.validation(ErrorDetail.body(null, null, "The body must be a JSON object"));
        }
        List<ErrorDetail> invalid = new ArrayList<>();
        String url = null;
        List<String> types = null;
        boolean tenantGiven = false;
        UUID tenantId = null;
        Boolean enabled = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            String field = member.getKey();
            JsonNode value = member.getValue();
            switch (field) {
                case "url" -> {
                    if (value.isTextual()) {
                        url = value.asText();
                        checkUrl(invalid, url);
                    } else {
                        invalid.add(ErrorDetail.body(field, value, "Must be an http or https URL"));
                    }
                }
                case "eventTypes" -> {
                    if (value.isNull()) {
                        types = List.of();
                    } else if (!value.isArray()) {
                        invalid.add(ErrorDetail.body(field, value, "Must be an array of event types"));
                    } else {
                        List<String> given = new ArrayList<>();
                        value.forEach(type -> given.add(type.isTextual() ? type.asText() : null));
                        types = eventTypes(invalid, given);
                    }
                }
                case "tenantId" -> {
                    tenantGiven = true;
                    if (!value.isNull()) {
                        tenantId = uuidOrNull(value);
                        if (tenantId == null) {
                            invalid.add(ErrorDetail.body(field, value, "Must be a tenant id or null"));
                        }
                    }
                }
                case "enabled" -> {
                    if (!value.isBoolean()) {
                        invalid.add(ErrorDetail.body(field, value, "Must be true or false"));
                    } else {
                        enabled = value.asBoolean();
                    }
                }
                default -> invalid.add(ErrorDetail.body(field, value, IMMUTABLE.contains(field) ? "Cannot be changed" : "Unknown field"));
            }
        }
        if (!invalid.isEmpty()) {
            throw ApiException.validation("Request is invalid", invalid);
        }
        return new Changes(url, types, tenantGiven, tenantId, enabled);
    }
}
