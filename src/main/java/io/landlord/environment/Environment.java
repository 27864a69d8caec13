package io.landlord.environment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A deployment (region) tenants live in; seeded from configuration. */
@Entity
@Table(name = "environments")
public class Environment {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String domain;

    @Column(name = "deployment_model", nullable = false)
    public String deploymentModel;

    @Column(name = "authorization_server_domain", nullable = false)
    public String authorizationServerDomain;

    @Column(name = "region_id", nullable = false)
    public UUID regionId;

    @Column(name = "region_name", nullable = false)
    public String regionName;

    @Column(name = "region_display_name", nullable = false)
    public String regionDisplayName;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false, insertable = false, updatable = false)
    public Instant updatedAt;
}
