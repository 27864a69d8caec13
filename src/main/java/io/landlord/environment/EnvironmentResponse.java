package io.landlord.environment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.UUID;

/** An environment as the API shows it (MATTR shape). */
@RegisterForReflection
public record EnvironmentResponse(UUID id, String name, String domain, String deploymentModel,
        String authorizationServerDomain, Region region) {

    @RegisterForReflection
    public record Region(UUID id, String name, String displayName) {
    }

    public static EnvironmentResponse from(Environment e) {
        return new EnvironmentResponse(e.id, e.name, e.domain, e.deploymentModel, e.authorizationServerDomain,
                new Region(e.regionId, e.regionName, e.regionDisplayName));
    }
}
