package io.landlord.common.web;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.UUID;

/**
 * What a request's span says about it besides HTTP: the API operation it performs (the audit trail's name, e.g.
 * {@code TENANT_CREATE}) and the tenant it concerns. With tracing off the span is a no-op and so is this.
 */
public final class RequestSpans {

    public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("landlord.operation");
    public static final AttributeKey<String> TENANT_ID = AttributeKey.stringKey("landlord.tenant.id");

    private RequestSpans() {
    }

    /**
     * The W3C traceparent of the current span ({@code 00-<trace id>-<span id>-<flags>}), for work that continues the
     * request later (a webhook delivery); null when there is no valid span (tracing off, or outside a request).
     */
    public static String currentTraceparent() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid()
                ? "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex()
                : null;
    }

    public static void describe(Span span, String operation, UUID tenantId) {
        if (!span.isRecording()) {
            return;
        }
        span.setAttribute(OPERATION, operation);
        if (tenantId != null) {
            span.setAttribute(TENANT_ID, tenantId.toString());
        }
    }
}
