package io.landlord.event;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method as an API operation of the audit trail: it records {@code <value>_START} and then
 * {@code <value>_SUCCESS} or {@code <value>_FAIL}. See {@link RecordedInterceptor}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Recorded {

    /** The operation's name, e.g. {@code TENANT_CREATE}. */
    @Nonbinding
    String value();

    /**
     * The operation changes state: its service must call {@link EventRecorder#succeeded} inside the change's
     * transaction, so the change and its events commit together. Reads are recorded after the fact, batched.
     */
    @Nonbinding
    boolean change() default false;

    /** The method's first {@code UUID} argument is the tenant the operation concerns. */
    @Nonbinding
    boolean tenantArgument() default false;
}
