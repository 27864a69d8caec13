package io.landlord.tenancy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The unauthenticated public-info endpoint's rate limit, per client address and shared by every instance. */
@ConfigMapping(prefix = "landlord.public-info")
public interface PublicInfoConfig {

    /** Requests one client address may make per window. */
    @WithDefault("60")
    int requestsPerWindow();

    /** The fixed window, in whole seconds. */
    @WithDefault("PT1M")
    Duration window();
}
