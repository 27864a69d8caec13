package io.landlord.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.OptionalInt;

/** Brute-force protection of client authentication at the OAuth endpoints. */
@ConfigMapping(prefix = "landlord.client-auth")
public interface ClientAuthConfig {

    /** Failed authentications one client id may have from one address (IPv6: its /64) per window before a lock-out. */
    @WithDefault("10")
    int maxFailures();

    /** The fixed window failures are counted in, in whole seconds. */
    @WithDefault("PT1M")
    Duration window();

    /** The first lock-out; each further one doubles it. */
    @WithDefault("PT1M")
    Duration lockout();

    /** The longest lock-out. */
    @WithDefault("PT1H")
    Duration maxLockout();

    /** Requests per window one address may make to /oauth/token, whoever the client; absent: no such limit. */
    OptionalInt requestsPerWindow();
}
