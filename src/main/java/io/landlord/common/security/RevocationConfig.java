package io.landlord.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The deny-list of revoked tokens. */
@ConfigMapping(prefix = "landlord.revocations")
public interface RevocationConfig {

    /** How often each instance reads new revocations: the longest a revocation takes to reach every instance. */
    @WithDefault("PT2S")
    Duration refreshInterval();
}
