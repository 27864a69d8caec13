package io.landlord.event;

import io.landlord.common.web.RequestIds;
import io.landlord.common.web.RequestSpans;
import io.opentelemetry.api.trace.Span;
import io.quarkus.arc.ArcInvocationContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import java.util.UUID;

/**
 * Records a {@link Recorded} resource method as an API operation: START, then SUCCESS or FAIL with the error's
 * code. It runs outermost, so failures of bean validation and of the method's own checks are recorded too.
 * (A permission the token lacks is refused before this runs: {@link RefusedRequests} records that. A request without
 * a valid token is not an operation of anyone's and is not recorded.)
 */
@Recorded("")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class RecordedInterceptor {

    private final EventRecorder recorder;

    public RecordedInterceptor(EventRecorder recorder) {
        this.recorder = recorder;
    }

    @AroundInvoke
    Object record(ArcInvocationContext context) throws Exception {
        Recorded recorded = context.findIterceptorBinding(Recorded.class);
        UUID tenantArgument = recorded.tenantArgument() ? firstUuid(context.getParameters()) : null;
        Span span = Span.current();
        RequestSpans.describe(span, recorded.value(), tenantArgument);
        if (!recorder.enabled()) {
            return context.proceed();
        }
        RecordedOperation operation = new RecordedOperation(recorded.value(), recorded.change(), tenantArgument,
                RequestIds.current());
        operation.attach();
        Uni<?> outcome;
        try {
            outcome = (Uni<?>) context.proceed();
        } catch (RuntimeException e) {
            outcome = Uni.createFrom().failure(e);
        }
        return outcome.onItemOrFailure().call((item, failure) -> {
            // the service may have named the tenant meanwhile (the one a create made)
            RequestSpans.describe(span, operation.type, operation.tenantId);
            return failure == null ? recorder.afterSuccess(operation) : recorder.afterFailure(operation, failure);
        });
    }

    private static UUID firstUuid(Object[] arguments) {
        for (Object argument : arguments) {
            if (argument instanceof UUID id) {
                return id;
            }
        }
        return null;
    }
}
