package io.landlord.tenant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The tenant lifecycle: how long a deleted tenant can be restored, and how its purge runs. */
@ConfigMapping(prefix = "landlord.tenants")
public interface TenantsConfig {

    /** A deleted tenant can be restored for this long; then the purge erases it and frees its subdomain. */
    @WithDefault("P30D")
    Duration restoreWindow();

    /** How often each instance purges the deleted tenants whose restore window has passed. */
    @WithDefault("PT1M")
    Duration purgeInterval();

    /** Tenants one purge statement erases at most (with their sub-tenants); a purge repeats until none is due. */
    @WithDefault("100")
    int purgeBatchSize();
}
