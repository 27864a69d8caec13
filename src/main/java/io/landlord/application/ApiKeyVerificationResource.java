package io.landlord.application;

import io.landlord.event.Recorded;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Permissions;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform's gateways ask here whether an API key is live and what it grants. */
@Path("/v1/apikeys:verify")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Applications and API keys")
public class ApiKeyVerificationResource {

    private final ApiKeyService keys;
    private final SecurityIdentity identity;

    public ApiKeyVerificationResource(ApiKeyService keys, SecurityIdentity identity) {
        this.keys = keys;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(Permissions.APIKEYS_VERIFY)
    @Recorded("API_KEY_VERIFY")
    @Operation(operationId = "verifyApiKey", summary = "Verify an API key",
            description = "Permission: apikeys:verify (management clients, e.g. the platform's gateways). One indexed"
                    + " lookup by the key's hash, whatever the number of keys.")
    @APIResponse(responseCode = "200", description = "The key is live: its tenant, application, product and config")
    @APIResponse(responseCode = "404", description = "InvalidKey: expired, revoked, unknown, or its tenant is locked")
    public Uni<VerifiedApiKeyResponse> verify(@Valid @NotNull VerifyApiKeyRequest request) {
        Caller.of(identity).requireManagement();
        return keys.verify(request);
    }
}
