package io.landlord.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The web console's settings (README, "The console"). */
@ConfigMapping(prefix = "landlord.console")
public interface ConsoleConfig {

    /** A session unused this long ends; the next page asks to sign in again. */
    @WithDefault("PT30M")
    Duration idleTimeout();
}
