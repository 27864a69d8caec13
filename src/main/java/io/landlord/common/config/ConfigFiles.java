package io.landlord.common.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a configured file: a file-system path, or {@code classpath:resource} for bundled samples. */
public final class ConfigFiles {

    private static final String CLASSPATH_PREFIX = "classpath:";

    private ConfigFiles() {
    }

    public static String read(String setting, String location) {
        try {
            if (location.startsWith(CLASSPATH_PREFIX)) {
                String resource = location.substring(CLASSPATH_PREFIX.length());
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new InvalidConfigurationException(setting, "no resource " + resource + " on the classpath");
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(location), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigurationException(setting, "cannot read " + location + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
