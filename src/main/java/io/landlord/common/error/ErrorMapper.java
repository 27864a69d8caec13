package io.landlord.common.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.landlord.common.persistence.DatabaseOutage;
import io.landlord.common.web.RequestIds;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hibernate.JDBCException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become responses. Each handler below only names an exception type RESTEasy
 * must route here (more specific types win over Quarkus's built-in mappers); {@link #toResponse} decides.
 * Nothing from an exception's message reaches a client or a log line unless Landlord wrote that message.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String CHECK_VIOLATION = "23514";
    /** How long a client should wait before retrying while the database is unreachable. */
    private static final int DATABASE_RETRY_AFTER_SECONDS = 2;
    /** Unique constraints whose violation the API explains by the field that collided. */
    private static final Map<String, ErrorDetail> UNIQUE_CONSTRAINTS = Map.of(
            "tenants_subdomain_per_environment",
            ErrorDetail.body("subdomain", null, "Subdomain is already taken in this environment"));
    /** Foreign keys whose violation the API explains. */
    private static final Map<String, String> FOREIGN_KEY_CONSTRAINTS = Map.of(
            "tenants_main_tenant_id_fkey", "The tenant still has sub-tenants: delete them first, or delete with ?cascade=true");

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response oauth(OAuthException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response anonymous(UnauthorizedException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response composite(CompositeException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return toResponse(e);
    }

    public static Response toResponse(Throwable failure) {
        return respond(failure, true);
    }

    /** The status and {@code code} (the OAuth {@code error} at the token endpoint) a failure is answered with. */
    public static Outcome outcomeOf(Throwable failure) {
        Response response = respond(failure, false);
        Object body = response.getEntity();
        String code = body instanceof ApiError api ? api.code() : body instanceof OAuthError oauth ? oauth.error() : null;
        return new Outcome(response.getStatus(), code);
    }

    public record Outcome(int status, String code) {
    }

    private static Response respond(Throwable failure, boolean log) {
        Throwable e = unwrap(failure);
        if (e instanceof RateLimitedException limited) {
            return Response.fromResponse(error(429, "RateLimited", limited.getMessage(), List.of()))
                    .header(HttpHeaders.RETRY_AFTER, limited.retryAfterSeconds())
                    .build();
        }
        if (e instanceof ApiException api) {
            return error(api.status(), api.type(), api.getMessage(), api.details());
        }
        if (e instanceof OAuthException oauth) {
            Response.ResponseBuilder builder = Response.status(oauth.status())
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .header("Pragma", "no-cache")
                    .entity(new OAuthError(oauth.error(), oauth.getMessage()));
            if (oauth.basicChallenge()) {
                builder.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"landlord\"");
            }
            return builder.build();
        }
        if (e instanceof ConstraintViolationException cve) {
            return error(400, "ValidationError", "Request is invalid", violations(cve));
        }
        if (e instanceof JsonProcessingException jpe) {
            return error(400, "ValidationError", "Request body is not valid JSON for this operation", List.of(jsonDetail(jpe)));
        }
        if (e instanceof AuthenticationFailedException || e instanceof UnauthorizedException) {
            return Response.fromResponse(error(401, "Unauthorized", "A valid bearer token is required", List.of()))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"landlord\"")
                    .build();
        }
        if (e instanceof ForbiddenException) {
            return error(403, "Forbidden", "The token does not grant the permission this operation requires", List.of());
        }
        if (e instanceof WebApplicationException wae) {
            return webError(wae.getResponse().getStatus());
        }
        if (DatabaseOutage.isUnreachable(failure)) {
            return Response.fromResponse(error(503, "DatabaseUnavailable",
                            "The service cannot reach its database; retry shortly", List.of()))
                    .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
                    .build();
        }
        String sqlState = sqlState(e);
        if (UNIQUE_VIOLATION.equals(sqlState)) {
            ErrorDetail known = UNIQUE_CONSTRAINTS.get(constraintName(e));
            return known == null
                    ? error(409, "Conflict", "A resource with the same unique value already exists", List.of())
                    : error(409, "Conflict", known.msg(), List.of(known));
        }
        if (FOREIGN_KEY_VIOLATION.equals(sqlState)) {
            return error(409, "Conflict", FOREIGN_KEY_CONSTRAINTS.getOrDefault(constraintName(e),
                    "The resource refers to, or is referred to by, another resource"), List.of());
        }
        if (CHECK_VIOLATION.equals(sqlState)) {
            return error(400, "ValidationError", "A value is out of its allowed range", List.of());
        }
        String requestId = RequestIds.current();
        if (log) {
            LOG.errorf("Unexpected failure %s [requestId=%s]", causeChain(failure), requestId);
            // Messages and stack traces may quote SQL or input: only written when an operator opts in to DEBUG.
            LOG.debugf(failure, "Unexpected failure detail [requestId=%s]", requestId);
        }
        return Response.status(500).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(500, "InternalError", "An unexpected error occurred", List.of()).withRequestId(requestId))
                .build();
    }

    private static Response error(int status, String type, String message, List<ErrorDetail> details) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(status, type, message, details))
                .build();
    }

    private static Response webError(int status) {
        return switch (status) {
            case 404 -> error(404, "NotFound", "The resource was not found", List.of());
            case 405 -> error(405, "MethodNotAllowed", "The method is not allowed on this resource", List.of());
            case 406 -> error(406, "NotAcceptable", "No acceptable representation; this API speaks application/json", List.of());
            case 413 -> error(413, "PayloadTooLarge", "Request body is too large", List.of());
            case 415 -> error(415, "UnsupportedMediaType", "Content-Type is not supported by this operation", List.of());
            default -> status >= 500
                    ? error(status, "InternalError", "An unexpected error occurred", List.of())
                    : error(status, "BadRequest", "The request is invalid", List.of());
        };
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while (true) {
            if (current instanceof CompositeException composite && !composite.getCauses().isEmpty()) {
                current = composite.getCauses().get(0);
            } else if (current instanceof AuthenticationFailedException && current.getCause() instanceof ApiException) {
                // a refusal decided while authenticating (e.g. a locked tenant), wrapped by the security layer
                current = current.getCause();
            } else if (current instanceof WebApplicationException && current.getCause() instanceof JsonProcessingException) {
                // the JSON reader reports unreadable bodies wrapped in a 400
                current = current.getCause();
            } else {
                return current;
            }
        }
    }

    private static List<ErrorDetail> violations(ConstraintViolationException e) {
        List<ErrorDetail> details = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            List<String> properties = new ArrayList<>();
            String parameter = null;
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    parameter = node.getName();
                } else if (node.getKind() == ElementKind.CONTAINER_ELEMENT && !properties.isEmpty()) {
                    // List<@Pattern String> names its element "<list element>": show it as the list's index instead
                    int last = properties.size() - 1;
                    properties.set(last, properties.get(last) + (node.getIndex() != null ? "[" + node.getIndex() + "]" : ""));
                } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                    properties.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
                }
            }
            details.add(properties.isEmpty()
                    ? ErrorDetail.query(parameter, v.getInvalidValue(), v.getMessage())
                    : ErrorDetail.body(String.join(".", properties), v.getInvalidValue(), v.getMessage()));
        }
        details.sort(Comparator.comparing(ErrorDetail::param, Comparator.nullsFirst(Comparator.naturalOrder())));
        return details;
    }

    private static ErrorDetail jsonDetail(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ErrorDetail.body(jsonPath(unknown), unknown.getPropertyName(), "Unknown field");
        }
        if (e instanceof InvalidFormatException invalid) {
            return ErrorDetail.body(jsonPath(invalid), invalid.getValue(), "Invalid value");
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return ErrorDetail.body(jsonPath(mapping), null, "Invalid value");
        }
        return ErrorDetail.body(null, null, "Malformed JSON");
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return pg.getSqlState();
            }
            if (t instanceof JDBCException jdbc && jdbc.getSQLState() != null) {
                return jdbc.getSQLState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** The name of the database constraint {@code e} (or a cause) violated, or null. */
    public static String constraintName(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && pg.getConstraint() != null) {
                return pg.getConstraint();
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException cve && cve.getConstraintName() != null) {
                return cve.getConstraintName();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String causeChain(Throwable e) {
        StringBuilder chain = new StringBuilder(e.getClass().getName());
        Throwable t = e.getCause();
        for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
            chain.append(" <- ").append(t.getClass().getName());
        }
        return chain.toString();
    }
}
