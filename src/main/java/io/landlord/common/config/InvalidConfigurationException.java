package io.landlord.common.config;

/** A missing or invalid setting; its message names the setting so start-up fails with one clear line. */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String setting, String problem) {
        super("Invalid configuration " + setting + ": " + problem);
    }
}
