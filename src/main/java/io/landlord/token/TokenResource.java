package io.landlord.token;

import io.landlord.event.Recorded;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** {@code POST /oauth/token}: the OAuth2 client_credentials grant (RFC 6749 §4.4). */
@Path("/oauth/token")
@PermitAll
@Tag(name = "OAuth2")
public class TokenResource {

    private final TokenService tokens;
    private final ObjectMapper json;

    public TokenResource(TokenService tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Recorded("ACCESS_TOKEN_CREATE")
    @Operation(operationId = "createToken", summary = "Obtain an access token (client_credentials)",
            description = "JSON body {client_id, client_secret, audience, grant_type} or a form body; the client may"
                    + " authenticate with HTTP Basic instead. Errors follow RFC 6749 §5.2. No permission needed.")
    @RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(type = SchemaType.OBJECT)) })
    @APIResponse(responseCode = "200", description = "Token issued",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "invalid_request, unsupported_grant_type, invalid_scope")
    @APIResponse(responseCode = "401", description = "invalid_client")
    @APIResponse(responseCode = "429", description = "Too many failed client authentications from this address; see Retry-After")
    public Uni<Response> token(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
        return Uni.createFrom().item(() -> OAuthRequest.parse(contentType, body, authorization, json))
                .flatMap(parsed -> tokens.grant(parsed, request.remoteAddress().hostAddress()))
                .map(token -> Response.ok(token)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .header("Pragma", "no-cache")
                        .build());
    }
}
