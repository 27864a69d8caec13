package io.landlord.console;

import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorMapper;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Every state-changing console request must present the CSRF token of its session (of the sign-in form before there is
 * one), as the form field {@code csrf} or, for htmx requests, the {@code X-CSRF-Token} header. The cookies are also
 * SameSite=Strict; this is the second, independent line.
 */
public class CsrfCheck {

    static final String FIELD = "csrf";
    static final String HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final CurrentVertxRequest current;
    private final ConsoleCookies cookies;

    public CsrfCheck(CurrentVertxRequest current, ConsoleCookies cookies) {
        this.current = current;
        this.cookies = cookies;
    }

    @ServerRequestFilter
    @WithFormRead
    @ConsoleEndpoint
    public Response check(ResteasyReactiveContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return null;
        }
        RoutingContext rc = current.getCurrent();
        ConsoleSession session = rc.get(ConsoleGate.SESSION_ATTRIBUTE);
        Optional<String> expected = session != null ? Optional.of(session.csrfToken()) : cookies.presentedSignInToken(rc);
        String presented = request.getHeaderString(HEADER);
        if (presented == null) {
            Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext()).getFormParameter(FIELD, true, false);
            presented = field == null ? null : field.toString();
        }
        if (expected.isEmpty() || presented == null || !MessageDigest.isEqual(
                expected.get().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
            return ErrorMapper.toResponse(new ApiException(403, "CsrfTokenInvalid",
                    "The form is stale or did not come from this console: reload the page and try again", List.of()));
        }
        return null;
    }
}
