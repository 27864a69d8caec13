package io.landlord.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.UUID;

/**
 * RFC 7662 §2.2 introspection response, in its snake_case. An inactive token is exactly {@code {"active": false}}.
 * {@code scope} is the token's permissions, space-separated, as RFC 7662 spells them; {@code permissions} the same
 * as a list, as the token carries them.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntrospectionResponse(boolean active, String scope, @JsonProperty("client_id") String clientId,
        @JsonProperty("token_type") String tokenType, String sub, String aud, String iss, Long exp, Long iat, String jti,
        @JsonProperty("tenant_id") UUID tenantId, List<String> roles, List<String> permissions) {

    static final IntrospectionResponse INACTIVE = new IntrospectionResponse(false, null, null, null, null, null, null, null,
            null, null, null, null, null);

    static IntrospectionResponse active(AccessTokens.VerifiedToken token, String issuer) {
        return new IntrospectionResponse(true, String.join(" ", token.permissions()), token.clientId(), "Bearer",
                token.clientId(), String.join(" ", token.audience()), issuer, token.expiresAt(), token.issuedAt(), token.jti(),
                token.tenantId(), token.roles(), token.permissions());
    }
}
