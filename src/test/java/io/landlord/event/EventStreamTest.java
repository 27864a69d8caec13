package io.landlord.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.SseSubscription;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * The next {@code count} frames; if they do not come, the failure says what the database was doing: a stream only
     * delivers events below the oldest running transaction, so one left open holds every subscriber back.
     */
    private List<SseSubscription.Frame> take(SseSubscription subscription, int count) throws InterruptedException {
        try {
            return subscription.take(count, WAIT);
        } catch (AssertionError missing) {
            List<String> activity = new ArrayList<>();
            pool.query("SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS frontier, pid, backend_xid::text AS xid, state,"
                    + " now() - xact_start AS open_for, left(query, 100) AS query FROM pg_stat_activity"
                    + " WHERE backend_xid IS NOT NULL OR state LIKE 'idle in transaction%'").execute().await().indefinitely()
                    .forEach(row -> activity.add(row.toJson().encode()));
            throw new AssertionError(missing.getMessage() + "; transactions holding the frontier back: " + activity, missing);
        }
    }

    @TestHTTPResource("/v1/events/stream")
    URI stream;

    @Inject
    MeterRegistry metrics;

    @Inject
    Pool pool;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size")
    int poolSize;

    /** Outside the application's reactive pool: the migrations' JDBC data source. */
    @Inject
    DataSource jdbc;

    private String admin;

    @BeforeEach
    void token() {
        admin = TestTokens.bearer(TestTokens.adminToken());
    }

    private void rename(String tenantId, String tag) {
        given().header("Authorization", admin).contentType("application/merge-patch+json").body("{\"tag\":\"" + tag + "\"}")
                .patch("/v1/tenants/" + tenantId).then().statusCode(200);
    }

    /**
     * The next {@code count} frames after the creation of the stream's tenant. A stream opened now starts at the feed's
     * frontier, below the oldest transaction then running: the creation, committed just before, may be in it too, and
     * first.
     */
    private List<SseSubscription.Frame> takeAfterCreation(SseSubscription subscription, int count) throws InterruptedException {
        List<SseSubscription.Frame> frames = new ArrayList<>(take(subscription, count));
        if (frames.get(0).event().equals("TENANT_CREATE_START")) {
            assertEquals("TENANT_CREATE_SUCCESS", frames.get(1).event());
            frames.subList(0, 2).clear();
            frames.addAll(take(subscription, 2));
        }
        return frames;
    }

    private URI forTenant(String tenantId) {
        return URI.create(stream + "?tenantId=" + tenantId);
    }

    @Test
    void a_subscriber_receives_new_events_live_in_order_with_their_type_and_body() throws Exception {
        String tenantId = TestTenants.create(admin).getString("id");
        try (SseSubscription subscription = SseSubscription.open(forTenant(tenantId), admin, null)) {
            rename(tenantId, "one");
            List<SseSubscription.Frame> frames = takeAfterCreation(subscription, 2);
            assertEquals(List.of("TENANT_UPDATE_START", "TENANT_UPDATE_SUCCESS"), frames.stream().map(SseSubscription.Frame::event).toList());
            JsonObject body = new JsonObject(frames.get(1).data());
            assertEquals(tenantId, body.getString("tenantId"));
            assertEquals(TestTokens.ADMIN_CLIENT_ID, body.getString("actor"));
            assertEquals("TENANT_UPDATE_SUCCESS", body.getString("type"));
        }
    }

    @Test
    void an_event_committed_once_the_stream_has_answered_is_in_it_however_slow_the_server_is_to_start_it() throws Exception {
        String tenantId = UUID.randomUUID().toString();
        // every connection of the application's pool busy for a while: a stream that answered before fixing where it
        // starts would fix it only after the event below committed, and miss it
        List<Uni<RowSet<Row>>> sleepers = new ArrayList<>();
        for (int i = 0; i < poolSize; i++) {
            sleepers.add(pool.query("SELECT pg_sleep(1.5)").execute().memoize().indefinitely());
        }
        sleepers.forEach(sleeper -> sleeper.subscribe().with(done -> { }, failed -> { }));
        try (SseSubscription subscription = SseSubscription.open(forTenant(tenantId), admin, null)) {
            UUID eventId = EventIds.at(Instant.now());
            // committed outside the busy pool, the moment the stream has answered
            try (Connection connection = jdbc.getConnection(); PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO events (id, type, occurred_at, tenant_id) VALUES (?, 'STREAM_START_PROBE', now(), ?::uuid)")) {
                insert.setObject(1, eventId);
                insert.setString(2, tenantId);
                assertEquals(1, insert.executeUpdate());
            }
            List<SseSubscription.Frame> frames = take(subscription, 1);
            assertEquals(eventId.toString(), new JsonObject(frames.get(0).data()).getString("id"));
        } finally {
            Uni.join().all(sleepers).andCollectFailures().await().atMost(WAIT);
        }
    }

    @Test
    void resuming_with_last_event_id_continues_right_after_it_with_no_gap_and_no_duplicate() throws Exception {
        String tenantId = TestTenants.create(admin).getString("id");
        List<SseSubscription.Frame> seen;
        try (SseSubscription first = SseSubscription.open(forTenant(tenantId), admin, null)) {
            rename(tenantId, "a");
            rename(tenantId, "b");
            rename(tenantId, "c");
            seen = takeAfterCreation(first, 6);
        }
        String resumeAfter = seen.get(1).id();
        rename(tenantId, "d");
        rename(tenantId, "e");

        try (SseSubscription resumed = SseSubscription.open(forTenant(tenantId), admin, resumeAfter)) {
            List<SseSubscription.Frame> replayed = take(resumed, 8);
            List<String> expectedIds = new ArrayList<>(seen.subList(2, 6).stream().map(SseSubscription.Frame::id).toList());
            assertEquals(expectedIds, replayed.subList(0, 4).stream().map(SseSubscription.Frame::id).toList());
            assertEquals(8, replayed.stream().map(SseSubscription.Frame::id).distinct().count());
            for (int i = 0; i < replayed.size(); i++) {
                assertEquals(i % 2 == 0 ? "TENANT_UPDATE_START" : "TENANT_UPDATE_SUCCESS", replayed.get(i).event());
            }
            assertTrue(resumed.drain(Duration.ofMillis(1500)).isEmpty(), "nothing beyond what happened");
        }
    }

    @Test
    void resuming_after_a_start_continues_with_its_outcome_from_the_same_row() throws Exception {
        String tenantId = TestTenants.create(admin).getString("id");
        List<SseSubscription.Frame> seen;
        try (SseSubscription first = SseSubscription.open(forTenant(tenantId), admin, null)) {
            rename(tenantId, "a");
            rename(tenantId, "b");
            seen = takeAfterCreation(first, 4);
        }
        assertEquals("TENANT_UPDATE_START", seen.get(2).event());
        assertTrue(seen.get(2).id().endsWith("-0"), "a START stored with its outcome is part 0 of the row: " + seen.get(2).id());

        try (SseSubscription resumed = SseSubscription.open(forTenant(tenantId), admin, seen.get(2).id())) {
            List<SseSubscription.Frame> replayed = take(resumed, 1);
            assertEquals(seen.get(3).id(), replayed.get(0).id());
            assertEquals("TENANT_UPDATE_SUCCESS", replayed.get(0).event());
            assertEquals(new JsonObject(seen.get(3).data()), new JsonObject(replayed.get(0).data()));
            assertTrue(resumed.drain(Duration.ofMillis(1500)).isEmpty(), "nothing beyond what happened");
        }
    }

    @Test
    void subscribers_share_one_reader_of_the_table_once_they_have_caught_up() throws Exception {
        String tenantId = TestTenants.create(admin).getString("id");
        List<SseSubscription> subscriptions = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                subscriptions.add(SseSubscription.open(forTenant(tenantId), admin, null));
            }
            rename(tenantId, "caught-up");
            for (SseSubscription subscription : subscriptions) {
                takeAfterCreation(subscription, 2);
            }
            double subscriberReads = feedReads("subscriber");
            double sharedReads = feedReads("shared");

            rename(tenantId, "a");
            rename(tenantId, "b");
            rename(tenantId, "c");
            for (SseSubscription subscription : subscriptions) {
                List<SseSubscription.Frame> frames = take(subscription, 6);
                assertEquals(List.of("TENANT_UPDATE_START", "TENANT_UPDATE_SUCCESS", "TENANT_UPDATE_START", "TENANT_UPDATE_SUCCESS",
                        "TENANT_UPDATE_START", "TENANT_UPDATE_SUCCESS"), frames.stream().map(SseSubscription.Frame::event).toList());
            }
            assertEquals(subscriberReads, feedReads("subscriber"), "no subscriber read the table for the live events");
            assertTrue(feedReads("shared") > sharedReads, "the shared reader did");
        } finally {
            for (SseSubscription subscription : subscriptions) {
                subscription.close();
            }
        }
    }

    private double feedReads(String reader) {
        return metrics.get("landlord.events.feed.reads").tag("reader", reader).counter().count();
    }

    @Test
    void filters_select_the_events_a_subscriber_gets() throws Exception {
        JsonPath watched = TestTenants.create(admin);
        String other = TestTenants.create(admin).getString("id");
        URI onlySuccesses = URI.create(stream + "?type=TENANT_UPDATE_SUCCESS&tenantId=" + watched.getString("id"));
        try (SseSubscription subscription = SseSubscription.open(onlySuccesses, admin, null)) {
            rename(other, "x");
            rename(watched.getString("id"), "y");
            List<SseSubscription.Frame> frames = take(subscription, 1);
            assertEquals("TENANT_UPDATE_SUCCESS", frames.get(0).event());
            assertEquals(watched.getString("id"), new JsonObject(frames.get(0).data()).getString("tenantId"));
            assertTrue(subscription.drain(Duration.ofMillis(1500)).isEmpty());
        }
    }

    @Test
    void the_stream_sends_heartbeat_comments() throws Exception {
        try (SseSubscription subscription = SseSubscription.open(stream, admin, null)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (subscription.comments() < 2 && System.nanoTime() < deadline) {
                subscription.drain(Duration.ofMillis(200));
            }
            assertTrue(subscription.comments() >= 2, "the opening comment and at least one heartbeat");
        }
    }

    @Test
    void a_client_that_goes_away_is_no_longer_served() throws Exception {
        awaitSubscribers(0);
        try (SseSubscription subscription = SseSubscription.open(stream, admin, null)) {
            awaitSubscribers(1);
        }
        awaitSubscribers(0);
    }

    private double subscribers() {
        return metrics.get("landlord.events.feed.subscribers").gauge().value();
    }

    private void awaitSubscribers(double expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (subscribers() != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(expected, subscribers(), "stream subscribers on this instance");
    }

    @Test
    void bad_stream_filters_are_a_400_naming_each_one_before_any_stream_opens() {
        given().header("Authorization", admin).accept("text/event-stream")
                .queryParam("tenantId", "nope").queryParam("type", "lower")
                .get("/v1/events/stream").then().statusCode(400)
                .contentType(containsString("json"))
                .body("details.param", hasItem("tenantId"))
                .body("details.param", hasItem("type"));
    }

    @Test
    void the_stream_refuses_tenant_clients_and_missing_tokens() {
        JsonPath tenant = TestTenants.create(admin);
        given().accept("text/event-stream").get("/v1/events/stream").then().statusCode(401);
        given().accept("text/event-stream").header("Authorization", TestTenants.adminBearerOf(tenant))
                .get("/v1/events/stream").then().statusCode(403);
    }
}
