package io.landlord.identityprovider;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A tenant's OIDC identity provider (enterprise SSO); the client secret is kept only AES-GCM-sealed. */
@Entity
@Table(name = "identity_providers")
public class IdentityProvider {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(nullable = false)
    public String issuer;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "client_secret")
    public byte[] sealedClientSecret;

    @Column(nullable = false, columnDefinition = "text[]")
    public String[] scopes;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "config_url")
    public String configUrl;

    @Column(name = "policy_id")
    public String policyId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The OIDC discovery document: the configured one, else the issuer's well-known location. */
    public String discoveryUrl() {
        if (configUrl != null) {
            return configUrl;
        }
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return base + "/.well-known/openid-configuration";
    }
}
