package io.landlord.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.SseSubscription;
import io.landlord.support.TestReceiver;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Like reads written in one batch share a row (V14); the API, the list's pages and the stream show each of their events. */
@QuarkusTest
class LikeOperationsTrailTest {

    private static final String ACTOR = "llc_poller";
    /** Like reads per batch. */
    private static final int READS = 10;

    @Inject
    EventRepository repository;

    @Inject
    Pool pool;

    @TestHTTPResource("/v1/events/stream")
    URI stream;

    private String admin;
    private UUID tenantId;
    private final List<String> requestIds = new ArrayList<>();
    private Instant first;

    @BeforeEach
    void likeReadsAndAnotherActorsWrittenInOneBatch() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        tenantId = UUID.fromString(TestTenants.create(admin).getString("id"));
        first = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(5);
        requestIds.addAll(insertLikeReads(tenantId, first));
    }

    /** {@link #READS} like reads 100 ms apart from {@code start}, and one by another actor, written as one batch; their request ids. */
    private List<String> insertLikeReads(UUID tenant, Instant start) {
        List<String> ids = new ArrayList<>();
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < READS; i++) {
            String requestId = "like-" + UUID.randomUUID();
            ids.add(requestId);
            Instant started = start.plusMillis(100L * i);
            batch.addAll(NewEvent.operation("TENANT_RETRIEVE", started, started.plusMillis(7), "TENANT_RETRIEVE_SUCCESS", ACTOR, tenant,
                    requestId, null, Map.of("tenantId", tenant)));
        }
        batch.addAll(NewEvent.operation("TENANT_RETRIEVE", start, start.plusMillis(2), "TENANT_RETRIEVE_SUCCESS", "llc_other",
                tenant, "other-" + UUID.randomUUID(), null, Map.of("tenantId", tenant)));
        repository.insertBatch(LikeOperationsTest.grouped(batch)).await().indefinitely();
        return ids;
    }

    private RequestSpecification events() {
        return given().header("Authorization", admin).queryParam("tenantId", tenantId).queryParam("actor", ACTOR);
    }

    @Test
    void like_reads_are_one_row_yet_listed_as_each_ones_start_and_success_newest_first() {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT request_id, ops_request_id, started_at, occurred_at FROM events WHERE tenant_id = $1 AND actor = $2")
                .execute(Tuple.of(tenantId, ACTOR)).await().indefinitely().forEach(rows::add);
        assertEquals(1, rows.size(), "one row for the like reads");
        assertEquals(requestIds, List.of(rows.get(0).getArrayOfStrings("ops_request_id")));

        JsonPath list = events().get("/v1/events").then().statusCode(200).extract().jsonPath();
        List<String> expectedTypes = new ArrayList<>();
        List<String> expectedRequests = new ArrayList<>();
        for (int i = READS - 1; i >= 0; i--) {
            expectedTypes.addAll(List.of("TENANT_RETRIEVE_SUCCESS", "TENANT_RETRIEVE_START"));
            expectedRequests.addAll(List.of(requestIds.get(i), requestIds.get(i)));
        }
        assertEquals(expectedTypes, list.getList("data.type"));
        assertEquals(expectedRequests, list.getList("data.requestId"));
        assertEquals(first.plusMillis(100L * (READS - 1) + 7).toString(), list.getString("data[0].time"), "each event keeps its own time");
        assertEquals(first.toString(), list.getString("data[" + (2 * READS - 1) + "].time"));
        assertEquals(2 * READS, list.getList("data.id").stream().distinct().count());
        assertEquals(Map.of("tenantId", tenantId.toString()), list.getMap("data[" + (2 * READS - 1) + "].payload"));

        // one event per page walks the row event by event; a type filter takes every other one
        List<String> ids = list.getList("data.id");
        assertEquals(ids, walkOneByOne(null));
        List<String> starts = new ArrayList<>();
        for (int i = 1; i < ids.size(); i += 2) {
            starts.add(ids.get(i));
        }
        assertEquals(starts, walkOneByOne("TENANT_RETRIEVE_START"));

        // a time window cuts the row: only the events inside it
        JsonPath window = events().queryParam("since", first.plusMillis(100).toString()).queryParam("until", first.plusMillis(300).toString())
                .get("/v1/events").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(requestIds.get(2), requestIds.get(2), requestIds.get(1), requestIds.get(1)), window.getList("data.requestId"));
        assertEquals(List.of("TENANT_RETRIEVE_SUCCESS", "TENANT_RETRIEVE_START", "TENANT_RETRIEVE_SUCCESS", "TENANT_RETRIEVE_START"),
                window.getList("data.type"));
        JsonPath cut = events().queryParam("since", first.plusMillis(104).toString()).queryParam("until", first.plusMillis(200).toString())
                .get("/v1/events").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("TENANT_RETRIEVE_SUCCESS"), cut.getList("data.type"), "the second read's SUCCESS, not its START");
        assertEquals(List.of(requestIds.get(1)), cut.getList("data.requestId"));
    }

    @Test
    void a_batch_of_shared_and_single_rows_keeps_each_reads_request_id_and_times_as_they_were_whatever_they_hold() {
        UUID polled = UUID.fromString(TestTenants.create(admin).getString("id"));
        UUID readOnce = UUID.fromString(TestTenants.create(admin).getString("id"));
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(3);
        String suffix = UUID.randomUUID().toString();
        List<String> odd = List.of("quote\"" + suffix, "back\\slash" + suffix, "comma,{brace}" + suffix, "NULL");
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < odd.size(); i++) {
            Instant started = start.plusMillis(10L * i);
            batch.addAll(NewEvent.operation("TENANT_RETRIEVE", started, started.plusNanos(3_000), "TENANT_RETRIEVE_SUCCESS", ACTOR,
                    polled, odd.get(i), null, Map.of()));
        }
        batch.addAll(NewEvent.operation("TENANT_RETRIEVE", start.plusMillis(5), start.plusMillis(6), "TENANT_RETRIEVE_FAIL", ACTOR,
                readOnce, "single " + suffix, "NotFound", Map.of("tenantId", readOnce)));
        batch.add(0, NewEvent.of("WEBHOOK_DISABLED", readOnce, Map.of("webhookId", suffix)));

        repository.insertBatch(LikeOperationsTest.grouped(batch)).await().indefinitely();

        RowSet<Row> sharedRows = pool.preparedQuery("SELECT ops_request_id, ops_started_at, ops_occurred_at, request_id, "
                + "started_at, occurred_at FROM events WHERE tenant_id = $1 AND actor = $2").execute(Tuple.of(polled, ACTOR)).await().indefinitely();
        assertEquals(1, sharedRows.size(), "the polled tenant's four reads are one row");
        Row shared = sharedRows.iterator().next();
        assertEquals(odd, List.of(shared.getArrayOfStrings("ops_request_id")), "NULL stays the text NULL");
        List<Instant> starts = new ArrayList<>();
        List<Instant> outcomes = new ArrayList<>();
        for (int i = 0; i < odd.size(); i++) {
            starts.add(start.plusMillis(10L * i));
            outcomes.add(start.plusMillis(10L * i).plusNanos(3_000));
        }
        assertEquals(starts, instants(shared.getArrayOfOffsetDateTimes("ops_started_at")));
        assertEquals(outcomes, instants(shared.getArrayOfOffsetDateTimes("ops_occurred_at")));
        assertEquals(null, shared.getString("request_id"));
        assertEquals(start, shared.getOffsetDateTime("started_at").toInstant());
        assertEquals(outcomes.get(odd.size() - 1), shared.getOffsetDateTime("occurred_at").toInstant());

        JsonPath single = given().header("Authorization", admin).queryParam("tenantId", readOnce).queryParam("actor", ACTOR)
                .get("/v1/events").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("TENANT_RETRIEVE_FAIL", "TENANT_RETRIEVE_START"), single.getList("data.type"));
        assertEquals(List.of("single " + suffix, "single " + suffix), single.getList("data.requestId"));
        assertEquals("NotFound", single.getString("data[0].errorCode"));
        given().header("Authorization", admin).queryParam("tenantId", readOnce).queryParam("type", "WEBHOOK_DISABLED")
                .get("/v1/events").then().statusCode(200).body("data.payload.webhookId", contains(suffix));
        JsonPath polledEvents = given().header("Authorization", admin).queryParam("tenantId", polled).queryParam("actor", ACTOR)
                .get("/v1/events")
                .then().statusCode(200).extract().jsonPath();
        List<String> expected = new ArrayList<>();
        for (int i = odd.size() - 1; i >= 0; i--) {
            expected.addAll(List.of(odd.get(i), odd.get(i)));
        }
        assertEquals(expected, polledEvents.getList("data.requestId"));
    }

    private static List<Instant> instants(OffsetDateTime[] times) {
        return Arrays.stream(times).map(OffsetDateTime::toInstant).toList();
    }

    private List<String> walkOneByOne(String type) {
        return EventPages.walkOneByOne(this::events, type, 4 * READS);
    }

    @Test
    void a_stream_resumed_inside_the_row_continues_right_after_the_event_it_names() throws Exception {
        Row row = pool.preparedQuery("SELECT tx::text AS tx, position FROM events WHERE tenant_id = $1 AND actor = $2")
                .execute(Tuple.of(tenantId, ACTOR)).await().indefinitely().iterator().next();
        String secondReadsStart = row.getString("tx") + "-" + row.getLong("position") + "-2";
        URI filtered = URI.create(stream + "?tenantId=" + tenantId + "&actor=" + ACTOR);
        try (SseSubscription resumed = SseSubscription.open(filtered, admin, secondReadsStart)) {
            List<SseSubscription.Frame> frames = resumed.take(2 * READS - 3, Duration.ofSeconds(10));
            List<String> parts = new ArrayList<>();
            List<String> requests = new ArrayList<>();
            for (int part = 3; part < 2 * READS; part++) {
                parts.add("-" + part);
                requests.add(requestIds.get(part / 2));
            }
            assertEquals(parts, frames.stream().map(f -> f.id().substring(f.id().lastIndexOf('-'))).toList());
            assertEquals(requests, frames.stream().map(f -> new JsonObject(f.data()).getString("requestId")).toList());
            assertEquals(List.of(), resumed.drain(Duration.ofMillis(1000)));
        }
    }

    @Test
    void a_webhook_receives_each_event_of_the_row_as_the_api_lists_it() {
        UUID tenant = UUID.fromString(TestTenants.create(admin).getString("id"));
        try (TestReceiver receiver = TestReceiver.start(n -> 200)) {
            JsonPath webhook = given().header("Authorization", admin).contentType(ContentType.JSON)
                    .body("{\"url\":\"" + receiver.url("/hook") + "\",\"tenantId\":\"" + tenant
                            + "\",\"eventTypes\":[\"TENANT_RETRIEVE_START\",\"TENANT_RETRIEVE_SUCCESS\"]}")
                    .post("/v1/webhooks").then().statusCode(201).extract().jsonPath();
            try {
                insertLikeReads(tenant, Instant.now().truncatedTo(ChronoUnit.MICROS).plusMillis(10));
                // the like reads' events, and the other actor's read's two
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() >= 2 * READS + 2);

                List<Map<String, Object>> listed = given().header("Authorization", admin).queryParam("tenantId", tenant)
                        .queryParam("type", "TENANT_RETRIEVE_START").get("/v1/events").then().statusCode(200).extract().jsonPath().getList("data");
                List<Map<String, Object>> all = new ArrayList<>(listed);
                all.addAll(given().header("Authorization", admin).queryParam("tenantId", tenant)
                        .queryParam("type", "TENANT_RETRIEVE_SUCCESS").get("/v1/events").then().statusCode(200).extract().jsonPath().getList("data"));
                Map<String, JsonObject> byId = new HashMap<>();
                all.forEach(event -> byId.put((String) event.get("id"), new JsonObject(event)));
                assertEquals(2 * READS + 2, byId.size());

                List<TestReceiver.Received> received = receiver.received();
                assertEquals(2 * READS + 2, received.size(), "each event once");
                for (TestReceiver.Received request : received) {
                    assertTrue(request.signedWith(webhook.getString("secret")));
                    JsonObject event = new JsonObject(request.body());
                    assertEquals(event.getString("id"), request.header("Landlord-Event-Id"));
                    assertEquals(byId.get(event.getString("id")), event, "delivered as the API lists it");
                }
            } finally {
                given().header("Authorization", admin).delete("/v1/webhooks/" + webhook.getString("id"));
            }
        }
    }
}
