package io.landlord.console;

import io.landlord.common.crypto.Secrets;
import io.landlord.common.error.OAuthException;
import io.landlord.common.time.Clock;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Sign-in with a client id and secret, checked by the token service exactly as {@code POST /oauth/token} checks them
 * (a locked tenant's client is refused the same way); sign-out.
 */
@Path("/console")
@ConsoleEndpoint
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    private static final String WRONG = "Client id or secret is wrong";

    private final ConsoleSignIn signIn;
    private final ConsoleCookies cookies;

    public SignInResource(ConsoleSignIn signIn, ConsoleCookies cookies) {
        this.signIn = signIn;
        this.cookies = cookies;
    }

    @GET
    @Path("/sign-in")
    @PermitAll
    public Uni<String> form(@Context RoutingContext rc) {
        return Pages.signIn(cookies.signInToken(rc), null, null).createUni();
    }

    @POST
    @Path("/sign-in")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signIn(@RestForm String clientId, @RestForm String clientSecret, @Context RoutingContext rc) {
        return signIn.check(ConsoleForms.given(clientId), ConsoleForms.given(clientSecret),
                        rc.request().remoteAddress().hostAddress())
                .map(token -> {
                    Instant now = Clock.now();
                    cookies.writeSession(rc, new ConsoleSession(token.accessToken(), Secrets.randomToken(32), now,
                            now.plusSeconds(token.expiresIn())));
                    return Response.seeOther(URI.create("/console")).build();
                })
                .onFailure(OAuthException.class).recoverWithUni(refusal -> {
                    String message = "invalid_client".equals(((OAuthException) refusal).error()) ? WRONG : refusal.getMessage();
                    return Pages.signIn(cookies.signInToken(rc), clientId, message).createUni()
                            .map(page -> Response.status(401).type(MediaType.TEXT_HTML_TYPE).entity(page).build());
                });
    }

    @POST
    @Path("/sign-out")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signOut(@Context RoutingContext rc) {
        cookies.clearSession(rc);
        return Uni.createFrom().item(Response.seeOther(URI.create(ConsoleGate.SIGN_IN)).build());
    }
}
