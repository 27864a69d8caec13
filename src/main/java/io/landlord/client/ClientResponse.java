package io.landlord.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.landlord.common.security.Roles;
import io.landlord.common.time.Clock;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * A client as the API shows it; {@code clientSecret} only in the response that created or rotated it;
 * {@code previousSecretExpiresAt} while the secret before the last rotation is still accepted.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientResponse(String clientId, String clientSecret, String name, List<String> roles, List<String> permissions,
        Instant previousSecretExpiresAt, Instant createdAt, Instant updatedAt) {

    public static ClientResponse from(Client client) {
        return withSecret(client, null);
    }

    public static ClientResponse withSecret(Client client, String secret) {
        List<String> roles = List.of(client.roles);
        Instant previousExpires = client.previousSecretExpiresAt != null && client.previousSecretExpiresAt.isAfter(Clock.now())
                ? client.previousSecretExpiresAt : null;
        return new ClientResponse(client.clientId, secret, client.name, roles, Roles.permissionsOf(roles), previousExpires,
                client.createdAt, client.updatedAt);
    }
}
