package io.landlord.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.landlord.common.web.Uncancellable;
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

/** {@code POST /oauth/revoke}: token revocation (RFC 7009). */
@Path("/oauth/revoke")
@PermitAll
@Tag(name = "OAuth2")
public class RevocationResource {

    private final RevocationService revocation;
    private final ObjectMapper json;

    public RevocationResource(RevocationService revocation, ObjectMapper json) {
        this.revocation = revocation;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Recorded(value = "ACCESS_TOKEN_REVOKE", change = true)
    @Operation(operationId = "revokeToken", summary = "Revoke an access token (RFC 7009)",
            description = "Form body token=… (token_type_hint=access_token optional); the calling client authenticates with"
                    + " HTTP Basic or client_id and client_secret in the body. Permission: none for the client the token was"
                    + " issued to; any other needs tokens:revoke (management clients). Every instance refuses the token within"
                    + " landlord.revocations.refresh-interval (2 s). An unknown, expired or already revoked token is a 200.")
    @RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)) })
    @APIResponse(responseCode = "200", description = "Revoked (or nothing to revoke); empty body")
    @APIResponse(responseCode = "400", description = "invalid_request (no token), unsupported_token_type")
    @APIResponse(responseCode = "401", description = "invalid_client")
    @APIResponse(responseCode = "429", description = "Too many failed client authentications from this address; see Retry-After")
    @APIResponse(responseCode = "403", description = "unauthorized_client: another client's token, without tokens:revoke")
    public Uni<Response> revoke(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
        return Uncancellable.of(Uni.createFrom().item(() -> OAuthRequest.parse(contentType, body, authorization, json))
                .flatMap(parsed -> revocation.revoke(parsed, request.remoteAddress().hostAddress())))
                .map(ok -> Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }
}
