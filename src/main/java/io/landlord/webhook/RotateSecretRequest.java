package io.landlord.webhook;

/**
 * How long the current secret keeps signing beside the new one, in seconds: 0 to stop at once, at most 7 days;
 * absent, 24 hours. Validated in {@link WebhookService}.
 */
public record RotateSecretRequest(Long previousSecretExpiresInSeconds) {
}
