package io.landlord.console;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** How console pages print values. */
@TemplateExtension
public class ConsoleFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** UTC, to the second, like the API's timestamps but readable. */
    static String utc(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    static String joined(List<String> values) {
        return String.join(", ", values);
    }

    static String spaced(List<String> values) {
        return String.join(" ", values);
    }

    static String urlEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
