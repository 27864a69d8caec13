package io.landlord.token;

import io.landlord.common.config.LandlordConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public key discovery: the JWKS and RFC 8414 authorization server metadata. */
@Path("/.well-known")
@PermitAll
@Tag(name = "OAuth2")
public class WellKnownResource {

    /** RFC 8414 metadata, in its snake_case. */
    @RegisterForReflection
    public record ServerMetadata(String issuer, String token_endpoint, String jwks_uri, List<String> grant_types_supported,
            List<String> token_endpoint_auth_methods_supported, List<String> response_types_supported,
            List<String> token_endpoint_auth_signing_alg_values_supported, String introspection_endpoint,
            List<String> introspection_endpoint_auth_methods_supported, String revocation_endpoint,
            List<String> revocation_endpoint_auth_methods_supported) {
    }

    private final SigningKeys keys;
    private final ServerMetadata metadata;

    public WellKnownResource(SigningKeys keys, LandlordConfig config) {
        this.keys = keys;
        String issuer = config.issuer().replaceAll("/+$", "");
        List<String> clientAuthentication = List.of("client_secret_basic", "client_secret_post");
        this.metadata = new ServerMetadata(issuer, issuer + "/oauth/token", issuer + "/.well-known/jwks.json",
                List.of("client_credentials"), clientAuthentication, List.of("token"), List.of("ES256", "RS256"),
                issuer + "/oauth/introspect", clientAuthentication, issuer + "/oauth/revoke", clientAuthentication);
    }

    @GET
    @Path("/jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(operationId = "getJwks", summary = "Public keys that verify access tokens (JWKS). No authentication.")
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(keys.publicJwks()).cacheControl(cache).build();
    }

    @GET
    @Path("/oauth-authorization-server")
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(operationId = "getAuthorizationServerMetadata", summary = "RFC 8414 metadata. No authentication.")
    public ServerMetadata metadata() {
        return metadata;
    }
}
