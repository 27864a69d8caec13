package io.landlord.common;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.OtlpReceiverResource;
import io.landlord.support.TestReceiver;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * With tracing switched on and a collector at hand (a receiver the test starts), a request's span reaches the collector
 * in the caller's trace, named by the API operation and the tenant, the webhook deliveries of its change continue that
 * trace, and the log lines written while serving it carry the trace id.
 */
@QuarkusTest
@WithTestResource(OtlpReceiverResource.class)
class TracingTest {

    private static final HexFormat HEX = HexFormat.of();

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RandomGenerator.getDefault().nextBytes(b);
        return HEX.formatHex(b);
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + randomHex(8) + "-01";
    }

    /** Whether an exported batch holds every one of these byte sequences (protobuf keeps ids and strings verbatim). */
    private static boolean exportedTogether(byte[]... parts) {
        return OtlpReceiverResource.receiver().received(OtlpReceiverResource.TRACES_PATH).stream()
                .map(TestReceiver.Received::bytes)
                .anyMatch(batch -> List.of(parts).stream().allMatch(part -> indexOf(batch, part) >= 0));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_request_span_reaches_the_collector_in_the_callers_trace_with_the_operation_and_the_tenant_id() {
        String traceId = randomHex(16);
        String tenantId = given().header("Authorization", TestTokens.bearer(TestTokens.adminToken()))
                .header("traceparent", traceparent(traceId))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Traced\",\"subdomain\":\"" + TestTenants.uniqueSubdomain("traced")
                        + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                .when().post("/v1/tenants")
                .then().statusCode(201)
                .extract().path("id");

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> exportedTogether(
                HEX.parseHex(traceId), utf8("landlord.operation"), utf8("TENANT_CREATE"), utf8("landlord.tenant.id"), utf8(tenantId)));
    }

    @Test
    void the_webhook_delivery_of_a_traced_change_carries_the_changes_trace_as_its_traceparent() {
        String admin = TestTokens.bearer(TestTokens.adminToken());
        String traceId = randomHex(16);
        try (TestReceiver hooks = TestReceiver.start(n -> 204)) {
            String webhook = given().header("Authorization", admin).contentType(ContentType.JSON)
                    .body("{\"url\":\"" + hooks.url("/traced") + "\",\"eventTypes\":[\"TENANT_CREATE_SUCCESS\"]}")
                    .when().post("/v1/webhooks")
                    .then().statusCode(201).extract().path("id");
            try {
                String tenantId = given().header("Authorization", admin).header("traceparent", traceparent(traceId))
                        .contentType(ContentType.JSON)
                        .body("{\"name\":\"Traced hook\",\"subdomain\":\"" + TestTenants.uniqueSubdomain("hooked")
                                + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                        .when().post("/v1/tenants")
                        .then().statusCode(201)
                        .extract().path("id");
                TestReceiver.Received delivery = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                        .until(() -> hooks.received("/traced").stream().filter(r -> r.body().contains(tenantId)).findFirst(),
                                found -> found.isPresent())
                        .orElseThrow();
                assertTrue(String.valueOf(delivery.header("traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01"),
                        "traceparent: " + delivery.header("traceparent"));
            } finally {
                given().header("Authorization", admin).when().delete("/v1/webhooks/" + webhook);
            }
        }
    }

    @Test
    void a_log_line_written_while_serving_a_request_carries_its_trace_id_beside_the_request_id() {
        String traceId = randomHex(16);
        String requestId = "traced-" + randomHex(4);
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext && requestId.equals(ext.getMdc("requestId"))) {
                    seen.add(Map.of("traceId", String.valueOf(ext.getMdc("traceId"))));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try {
            // a 500 is logged with its request id
            given().header("X-Request-Id", requestId).header("traceparent", traceparent(traceId))
                    .when().get("/test-probe/boom")
                    .then().statusCode(500);
            await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        assertTrue(seen.stream().allMatch(line -> traceId.equals(line.get("traceId"))), "log lines: " + seen);
        assertEquals(traceId, seen.get(0).get("traceId"));
    }
}
