package io.landlord.webhook;

import java.util.List;
import java.util.UUID;

/**
 * {@code POST /v1/webhooks}. {@code eventTypes} empty or absent: every type. {@code tenantId} absent: every
 * tenant's events. {@code enabled} defaults to true. Validated in {@link WebhookService}, with the URL's target.
 */
public record CreateWebhookRequest(String url, List<String> eventTypes, UUID tenantId, Boolean enabled) {
}
