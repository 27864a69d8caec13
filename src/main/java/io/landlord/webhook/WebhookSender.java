package io.landlord.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.landlord.common.config.LandlordConfig;
import io.landlord.common.crypto.SecretBox;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Makes one attempt: POSTs the event, signed, to the webhook's URL with the non-blocking Vert.x client. Never fails:
 * every problem becomes the attempt's error kind. Redirects are not followed (they could lead anywhere) and the
 * receiver's answer body is discarded unread.
 */
@ApplicationScoped
public class WebhookSender {

    static final String EVENT_ID = "Landlord-Event-Id";
    static final String DELIVERY_ID = "Landlord-Delivery-Id";
    static final String TIMESTAMP = "Landlord-Timestamp";
    static final String SIGNATURE = "Landlord-Signature";
    static final String TRACEPARENT = "traceparent";

    private final WebClient client;
    private final WebhookTargets targets;
    private final SecretBox box;
    private final Duration timeout;
    private final ObjectMapper json;

    public WebhookSender(Vertx vertx, WebhookTargets targets, SecretBox box, ObjectMapper json, LandlordConfig config) {
        this.targets = targets;
        this.box = box;
        this.json = json;
        this.timeout = config.webhooks().timeout();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setMaxPoolSize(Math.max(1, config.webhooks().maxInFlight()))
                .setUserAgent("Landlord-Webhooks/1")
                // the client's own tracing would put a delivery in the worker's trace, not the change's (see traced)
                .setTracingPolicy(TracingPolicy.IGNORE)
                .setVerifyHost(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    Uni<AttemptResult> send(ClaimedDelivery delivery) {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        if (delivery.event() == null) {
            return Uni.createFrom().item(AttemptResult.failed(startedAt, 0, "EVENT_GONE"));
        }
        return Uni.createFrom().deferred(() -> post(delivery, startedAt))
                .map(response -> AttemptResult.answered(startedAt, elapsedMs(started), response.statusCode()))
                .onFailure().recoverWithItem(e -> AttemptResult.failed(startedAt, elapsedMs(started), kind(e)));
    }

    private Uni<HttpResponse<Void>> post(ClaimedDelivery delivery, Instant startedAt) {
        URI url = URI.create(delivery.url());
        byte[] body;
        try {
            body = json.writeValueAsBytes(delivery.event());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event not serializable"));
        }
        String timestamp = String.valueOf(startedAt.getEpochSecond());
        String signature = delivery.previousSealedSecret() == null ? sign(delivery.sealedSecret(), timestamp, body)
                : sign(delivery.sealedSecret(), timestamp, body) + "," + sign(delivery.previousSealedSecret(), timestamp, body);
        return targets.addressFor(url)
                .flatMap(address -> traced(request(url, address), delivery.traceparent())
                        .putHeader("Content-Type", "application/json")
                        .putHeader(EVENT_ID, delivery.eventId().toString())
                        .putHeader(DELIVERY_ID, delivery.id().toString())
                        .putHeader(TIMESTAMP, timestamp)
                        .putHeader(SIGNATURE, signature)
                        .timeout(timeout.toMillis())
                        .as(BodyCodec.none())
                        .sendBuffer(Buffer.buffer(body)))
                .ifNoItem().after(timeout.plusSeconds(1)).failWith(TimeoutException::new);
    }

    /** The delivery joins the trace of the request that made the event: W3C traceparent, that request's span as the parent. */
    private static HttpRequest<Buffer> traced(HttpRequest<Buffer> request, String traceparent) {
        return traceparent == null ? request : request.putHeader(TRACEPARENT, traceparent);
    }

    private String sign(byte[] sealedSecret, String timestamp, byte[] body) {
        return WebhookSigner.sign(new String(box.open(sealedSecret), StandardCharsets.UTF_8), timestamp, body);
    }

    /** To the checked address when there is one (the name is still the Host, the TLS server name and what the certificate must match). */
    private HttpRequest<Buffer> request(URI url, InetAddress address) {
        boolean https = "https".equals(url.getScheme().toLowerCase(Locale.ROOT));
        if (address == null) {
            return client.postAbs(url.toString());
        }
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        return client.request(HttpMethod.POST, SocketAddress.inetSocketAddress(port, address.getHostAddress()), port, url.getHost(), path)
                .ssl(https);
    }

    private static String kind(Throwable e) {
        if (e instanceof WebhookTargets.RefusedTarget refused) {
            return refused.kind;
        }
        if (e instanceof IllegalStateException) {
            return "INTERNAL"; // e.g. the secret cannot be opened: LANDLORD_ENCRYPTION_KEY changed
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return "TIMEOUT";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return "CONNECTION";
    }

    private static int elapsedMs(long startedNanos) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
