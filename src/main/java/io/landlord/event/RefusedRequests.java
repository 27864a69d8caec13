package io.landlord.event;

import io.landlord.common.persistence.DatabaseOutage;
import io.landlord.common.web.RequestIds;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Records an operation that a permission check refused before its method ran ({@code @PermissionsAllowed} is checked
 * ahead of the {@link RecordedInterceptor}): an authenticated caller's attempt is the audit trail's business, so it
 * becomes the operation's START and FAIL (403 {@code Forbidden}), buffered like a read's since nothing changed. A
 * request without a valid token (401) is not recorded: it has no actor, and would let anyone add rows.
 */
public class RefusedRequests {

    private final EventRecorder recorder;
    private final Map<Method, Optional<Recorded>> operations = new ConcurrentHashMap<>();

    public RefusedRequests(EventRecorder recorder) {
        this.recorder = recorder;
    }

    /** Runs after every response, so it returns nothing to wait for: the refusal's events are buffered. */
    @ServerResponseFilter
    public void recordRefusal(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        if (response.getStatus() != 403 || !recorder.enabled() || RecordedOperation.current().isPresent()) {
            return; // answered, or recorded by the interceptor, which ran
        }
        Method method = resource.getResourceMethod();
        Optional<Recorded> recorded = method == null ? Optional.empty()
                : operations.computeIfAbsent(method, m -> Optional.ofNullable(m.getAnnotation(Recorded.class)));
        if (recorded.isEmpty()) {
            return;
        }
        Recorded operation = recorded.get();
        UUID tenantId = operation.tenantArgument() ? firstUuid(request.getUriInfo()) : null;
        recorder.refused(new RecordedOperation(operation.value(), operation.change(), tenantId, RequestIds.current()),
                new ForbiddenException()).subscribe().with(
                        ignored -> { }, e -> DatabaseOutage.warn(RefusedRequests.class, e, "A refusal could not be recorded"));
    }

    /** The first path parameter that is a UUID: the tenant, as the method's first UUID argument would have been. */
    private static UUID firstUuid(UriInfo uri) {
        for (var values : uri.getPathParameters().values()) {
            for (String value : values) {
                try {
                    return UUID.fromString(value);
                } catch (IllegalArgumentException notAUuid) {
                    // the next one, then
                }
            }
        }
        return null;
    }
}
