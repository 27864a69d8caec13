package io.landlord.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.landlord.event.Recorded;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /oauth/introspect}: token introspection (RFC 7662). */
@Path("/oauth/introspect")
@PermitAll
@Tag(name = "OAuth2")
public class IntrospectionResource {

    private final IntrospectionService introspection;
    private final ObjectMapper json;

    public IntrospectionResource(IntrospectionService introspection, ObjectMapper json) {
        this.introspection = introspection;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Recorded("ACCESS_TOKEN_INTROSPECT")
    @Operation(operationId = "introspectToken", summary = "Introspect an access token (RFC 7662)",
            description = "Form body token=… (token_type_hint=access_token optional); the calling client authenticates with"
                    + " HTTP Basic or client_id and client_secret in the body. Permission: tokens:introspect for a management"
                    + " client (any token); a tenant client may introspect its own tenant's tokens (others are inactive)."
                    + " An expired, revoked, forged, locked or deleted tenant's or client's token answers {\"active\": false}.")
    @RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)) })
    @APIResponse(responseCode = "200", description = "The token's state",
            content = @Content(schema = @Schema(implementation = IntrospectionResponse.class)))
    @APIResponse(responseCode = "400", description = "invalid_request (no token), unsupported_token_type")
    @APIResponse(responseCode = "401", description = "invalid_client")
    @APIResponse(responseCode = "429", description = "Too many failed client authentications from this address; see Retry-After")
    @APIResponse(responseCode = "403", description = "unauthorized_client: a management client without tokens:introspect")
    public Uni<Response> introspect(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
        return Uni.createFrom().item(() -> OAuthRequest.parse(contentType, body, authorization, json))
                .flatMap(parsed -> introspection.introspect(parsed, request.remoteAddress().hostAddress()))
                .map(answer -> Response.ok(answer).header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }
}
