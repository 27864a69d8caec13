package io.landlord.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.landlord.application.ApiKeyResponse;
import io.landlord.client.ClientResponse;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The result of an import or a clone: the new tenant as a create shows it, its clients and API keys (each with its
 * new secret or key, unless the bundle carried the hashes), and its sub-tenants the same way.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportedTenantResponse(@JsonUnwrapped TenantResponse tenant, List<ClientResponse> clients,
        List<ApiKeyResponse> apiKeys, List<ImportedTenantResponse> subTenants) {

    /** Whether a secret or a key is in it, anywhere: such a result is handed out once. */
    public boolean carriesSecrets() {
        return clients.stream().anyMatch(c -> c.clientSecret() != null) || apiKeys.stream().anyMatch(k -> k.key() != null)
                || subTenants.stream().anyMatch(ImportedTenantResponse::carriesSecrets);
    }
}
