package io.landlord.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * An OTLP/HTTP collector for tests (a {@link TestReceiver} answering 200): tracing is switched on and exports there,
 * in batches every 100 ms. The spans arrive as protobuf POSTs on {@code /v1/traces}.
 */
public class OtlpReceiverResource implements QuarkusTestResourceLifecycleManager {

    public static final String TRACES_PATH = "/v1/traces";
    private static volatile TestReceiver receiver;

    public static TestReceiver receiver() {
        return receiver;
    }

    @Override
    public Map<String, String> start() {
        receiver = TestReceiver.start(n -> 200);
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.exporter.otlp.traces.endpoint", receiver.url(""),
                "quarkus.otel.bsp.schedule.delay", "PT0.1S");
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }
}
