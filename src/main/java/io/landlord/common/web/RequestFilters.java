package io.landlord.common.web;

import io.landlord.common.error.ApiError;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

/** Runs before every route: assigns the request id and refuses oversize bodies in the API's error format. */
@ApplicationScoped
public class RequestFilters {

    private final long maxBodyBytes;

    public RequestFilters(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    @RouteFilter(RouteFilter.DEFAULT_PRIORITY + 100)
    void assignRequestId(RoutingContext rc) {
        String id = RequestIds.acceptOrGenerate(rc.request().getHeader(RequestIds.HEADER));
        rc.request().headers().set(RequestIds.HEADER, id);
        rc.response().putHeader(RequestIds.HEADER, id);
        MDC.put(RequestIds.MDC_KEY, id);
        rc.next();
    }

    @RouteFilter(RouteFilter.DEFAULT_PRIORITY + 90)
    void limitBodySize(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceedsLimit(length)) {
            ApiError error = ApiError.of(413, "PayloadTooLarge",
                    "Request body exceeds " + maxBodyBytes + " bytes", List.of());
            rc.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Json.encode(error));
            return;
        }
        rc.next();
    }

    private boolean exceedsLimit(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
