package io.landlord.support;

import io.landlord.common.error.ApiException;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * A test-only resource that triggers each kind of failure, so the error model is tested on its own
 * before any feature relies on it.
 */
@Path("/test-probe")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ErrorProbeResource {

    public enum Colour { RED, GREEN }

    public record ProbeBody(@NotBlank String name,
            @NotNull @Pattern(regexp = "^[a-z0-9]+$") String slug,
            @Min(1) @Max(10) int size,
            Colour colour) {
    }

    private final Pool pool;

    public ErrorProbeResource(Pool pool) {
        this.pool = pool;
    }

    @POST
    @Path("/body")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProbeBody echo(@Valid @NotNull ProbeBody body) {
        return body;
    }

    @GET
    @Path("/ids/{id}")
    public String id(@PathParam("id") UUID id) {
        return id.toString();
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("SELECT secret FROM vault -- must never be shown");
    }

    @GET
    @Path("/composite")
    public Uni<String> composite() {
        return Uni.createFrom().failure(new CompositeException(ApiException.notFound("Probe"), new IllegalStateException("second")));
    }

    /** The database ends this request's connection under it, as a failing-over primary does. */
    @GET
    @Path("/connection-lost")
    public Uni<String> connectionLost() {
        return pool.withConnection(connection -> connection.query("SELECT pg_terminate_backend(pg_backend_pid())").execute())
                .map(ignored -> "unreachable");
    }

    @POST
    @Path("/duplicate")
    public Uni<String> duplicate() {
        UUID id = UUID.randomUUID();
        String insert = "INSERT INTO environments (id, name, domain, deployment_model, authorization_server_domain,"
                + " region_id, region_name, region_display_name) VALUES ($1, 'dup', $2, 'public', 'auth', $1, 'r', 'R')";
        String domain = "dup-" + id + ".test";
        return pool.preparedQuery(insert).execute(Tuple.of(id, domain))
                .flatMap(ignored -> pool.preparedQuery(insert).execute(Tuple.of(UUID.randomUUID(), domain)))
                .map(ignored -> "unreachable");
    }
}
