package io.landlord.tenant;

import io.landlord.application.CreateApiKeyRequest;
import io.landlord.application.CreateApplicationRequest;
import io.landlord.entitlement.EntitlementRequest;
import io.landlord.identityprovider.IdentityProviderRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A bundle as an import reads it: the document {@link TenantBundles} exports, with the constraints of the requests
 * that create each part (a member this version does not know is refused, like any unknown field).
 */
@RegisterForReflection
public record TenantBundle(
        @NotNull @Pattern(regexp = "landlord\\.tenant/v1", message = "must be landlord.tenant/v1") String format,
        Boolean includesSecretHashes,
        @Valid @NotNull BundledTenant tenant) {

    public boolean hashes() {
        return Boolean.TRUE.equals(includesSecretHashes);
    }

    /** The same bundle without the tenant's sub-tenants (a clone copies one tenant). */
    public TenantBundle withoutSubTenants() {
        BundledTenant t = tenant;
        return new TenantBundle(format, includesSecretHashes, new BundledTenant(t.name, t.subdomain, t.type, t.code,
                t.description, t.tag, t.profile, t.locked, t.verifiedDomain, t.clients, t.entitlements, t.identityProvider,
                t.applications, List.of()));
    }

    @RegisterForReflection
    public record BundledTenant(
            @NotNull @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            @NotNull @Pattern(regexp = CreateTenantRequest.SUBDOMAIN,
                    message = "must be 1-63 lower-case letters, digits or inner hyphens") String subdomain,
            @NotNull @Pattern(regexp = "product|client", message = "must be product or client") String type,
            @Size(max = 100) String code,
            @Size(max = 2000) String description,
            @Size(max = 100) String tag,
            Map<String, Object> profile,
            boolean locked,
            String verifiedDomain,
            @NotNull List<@Valid @NotNull BundledClient> clients,
            @Size(max = 4) List<@Valid @NotNull EntitlementRequest> entitlements,
            @Valid IdentityProviderRequest identityProvider,
            List<@Valid @NotNull BundledApplication> applications,
            List<@Valid @NotNull BundledTenant> subTenants) {

        List<BundledApplication> applicationList() {
            return applications == null ? List.of() : applications;
        }

        List<BundledTenant> subTenantList() {
            return subTenants == null ? List.of() : subTenants;
        }
    }

    /** A client; {@code secretHash} (base64 SHA-256) is read only from a bundle that includes secret hashes. */
    @RegisterForReflection
    public record BundledClient(
            @NotNull @Size(min = 1, max = 200) String clientId,
            @NotNull @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            @NotNull List<@NotNull String> roles,
            String secretHash) {
    }

    @RegisterForReflection
    public record BundledApplication(
            @NotNull @Pattern(regexp = CreateApplicationRequest.CODE, message = CreateApplicationRequest.CODE_MESSAGE) String productCode,
            @NotNull @Pattern(regexp = CreateApplicationRequest.CODE, message = CreateApplicationRequest.CODE_MESSAGE) String packageCode,
            @Size(max = 2000) String description,
            @NotNull Integer ttlHours,
            List<@Valid @NotNull BundledApiKey> apiKeys) {

        CreateApplicationRequest settings() {
            return new CreateApplicationRequest(productCode, packageCode, description, ttlHours);
        }

        List<BundledApiKey> apiKeyList() {
            return apiKeys == null ? List.of() : apiKeys;
        }
    }

    /** An API key's metadata; {@code keyHash} (base64 SHA-256) as for a client's secret. */
    @RegisterForReflection
    public record BundledApiKey(
            @Size(max = 200) String label,
            @NotNull @Pattern(regexp = CreateApiKeyRequest.ENV, message = CreateApiKeyRequest.ENV_MESSAGE) String env,
            @Size(max = 200) String device,
            @Size(max = 200) String geo,
            Map<String, Object> config,
            @NotNull Instant expiresAt,
            Instant revokedAt,
            String keyHash) {

        CreateApiKeyRequest settings() {
            return new CreateApiKeyRequest(label, env, expiresAt, device, geo, config);
        }
    }
}
