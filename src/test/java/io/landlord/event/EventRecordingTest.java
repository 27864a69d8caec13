package io.landlord.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventRecordingTest {

    @Inject
    Pool pool;

    @Inject
    EventBuffer buffer;

    @Inject
    EventRetention retention;

    private String admin;

    private RecordedCalls trail;

    @BeforeEach
    void token() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        trail = new RecordedCalls(pool, buffer);
    }

    @Test
    void creating_a_tenant_records_start_and_success_with_actor_tenant_and_request_id() {
        RecordedCalls.Call call = trail.call(admin);
        String tenantId = call.spec().contentType(ContentType.JSON)
                .body("{\"name\":\"Evented\",\"subdomain\":\"" + TestTenants.uniqueSubdomain("ev") + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                .when().post("/v1/tenants").then().statusCode(201).extract().path("id");

        List<Row> events = trail.eventsOf(call.requestId());
        assertEquals(List.of("TENANT_CREATE_START", "TENANT_CREATE_SUCCESS"), events.stream().map(r -> r.getString("type")).toList());
        for (Row event : events) {
            assertEquals(TestTokens.ADMIN_CLIENT_ID, event.getString("actor"));
            assertEquals(UUID.fromString(tenantId), event.getUUID("tenant_id"));
        }
        assertEquals(tenantId, events.get(1).getJsonObject("payload").getString("tenantId"));
        assertTrue(events.get(1).getJsonObject("payload").containsKey("clientId"));
        assertTrue(events.stream().noneMatch(r -> r.getJsonObject("payload").encode().contains("llsec_")), "no secret in any payload");
    }

    @Test
    void a_write_that_fails_records_start_and_fail_with_the_error_code_and_no_success() {
        String subdomain = TestTenants.uniqueSubdomain("dup");
        String body = "{\"name\":\"Twice\",\"subdomain\":\"" + subdomain + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}";
        TestTenants.create(admin, body);

        RecordedCalls.Call conflict = trail.call(admin);
        conflict.spec().contentType(ContentType.JSON).body(body).when().post("/v1/tenants").then().statusCode(409);

        List<Row> events = trail.eventsOf(conflict.requestId());
        assertEquals(List.of("TENANT_CREATE_START", "TENANT_CREATE_FAIL"), events.stream().map(r -> r.getString("type")).toList());
        assertEquals("Conflict", events.get(1).getString("error_code"));
        assertEquals(409, events.get(1).getJsonObject("payload").getInteger("status"));
        long tenantsWithSubdomain = pool.preparedQuery("SELECT count(*) FROM tenants WHERE subdomain = $1").execute(Tuple.of(subdomain))
                .await().indefinitely().iterator().next().getLong(0);
        assertEquals(1, tenantsWithSubdomain);
    }

    @Test
    void a_change_that_fails_at_commit_takes_its_success_event_with_it() {
        // A deferred constraint trigger fails the commit itself, after the service appended TENANT_CREATE_START and
        // _SUCCESS to the transaction: the rollback must take both with it, and only START and FAIL remain.
        String subdomain = TestTenants.uniqueSubdomain("doomed");
        pool.query("CREATE OR REPLACE FUNCTION refuse_doomed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.subdomain LIKE 'doomed-%' THEN RAISE EXCEPTION 'refused at commit'; END IF; RETURN NEW; END $$").execute()
                .await().indefinitely();
        pool.query("DROP TRIGGER IF EXISTS refuse_doomed ON tenant_rows").execute().await().indefinitely();
        pool.query("CREATE CONSTRAINT TRIGGER refuse_doomed AFTER INSERT ON tenant_rows DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW EXECUTE FUNCTION refuse_doomed()").execute().await().indefinitely();
        try {
            RecordedCalls.Call call = trail.call(admin);
            call.spec().contentType(ContentType.JSON)
                    .body("{\"name\":\"Doomed\",\"subdomain\":\"" + subdomain + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                    .when().post("/v1/tenants").then().statusCode(500);

            assertEquals(List.of("TENANT_CREATE_START", "TENANT_CREATE_FAIL"), trail.typesOf(call.requestId()));
            long tenants = pool.preparedQuery("SELECT count(*) FROM tenants WHERE subdomain = $1").execute(Tuple.of(subdomain))
                    .await().indefinitely().iterator().next().getLong(0);
            assertEquals(0, tenants);
        } finally {
            pool.query("DROP TRIGGER IF EXISTS refuse_doomed ON tenant_rows").execute().await().indefinitely();
        }
    }

    @Test
    void parallel_creates_of_one_subdomain_record_one_success_and_a_failure_for_each_other() {
        String subdomain = TestTenants.uniqueSubdomain("race");
        String body = "{\"name\":\"Race\",\"subdomain\":\"" + subdomain + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}";
        List<RecordedCalls.Call> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(trail.call(admin));
        }
        calls.parallelStream().forEach(c -> c.spec().contentType(ContentType.JSON).body(body).post("/v1/tenants"));

        long successes = calls.stream().filter(c -> trail.typesOf(c.requestId()).contains("TENANT_CREATE_SUCCESS")).count();
        long failures = calls.stream().filter(c -> trail.typesOf(c.requestId()).contains("TENANT_CREATE_FAIL")).count();
        assertEquals(1, successes);
        assertEquals(7, failures);
        for (RecordedCalls.Call c : calls) {
            assertEquals(2, trail.typesOf(c.requestId()).size(), "START and one outcome for " + c.requestId());
        }
    }

    @Test
    void reads_are_recorded_in_batches_as_start_and_success() {
        JsonPath tenant = TestTenants.create(admin);
        RecordedCalls.Call read = trail.call(admin);
        read.spec().when().get("/v1/tenants/" + tenant.getString("id")).then().statusCode(200);

        List<Row> events = trail.eventsOf(read.requestId());
        assertEquals(List.of("TENANT_RETRIEVE_START", "TENANT_RETRIEVE_SUCCESS"), events.stream().map(r -> r.getString("type")).toList());
        assertEquals(UUID.fromString(tenant.getString("id")), events.get(0).getUUID("tenant_id"));
    }

    @Test
    void a_read_of_a_missing_tenant_records_a_fail_with_not_found() {
        RecordedCalls.Call read = trail.call(admin);
        read.spec().when().get("/v1/tenants/" + UUID.randomUUID()).then().statusCode(404);
        List<Row> events = trail.eventsOf(read.requestId());
        assertEquals(List.of("TENANT_RETRIEVE_START", "TENANT_RETRIEVE_FAIL"), events.stream().map(r -> r.getString("type")).toList());
        assertEquals("NotFound", events.get(1).getString("error_code"));
    }

    @Test
    void invalid_input_is_recorded_as_a_failed_operation() {
        RecordedCalls.Call call = trail.call(admin);
        call.spec().contentType(ContentType.JSON).body("{\"name\":\"x\",\"subdomain\":\"NOT VALID\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                .when().post("/v1/tenants").then().statusCode(400);
        List<Row> events = trail.eventsOf(call.requestId());
        assertEquals(List.of("TENANT_CREATE_START", "TENANT_CREATE_FAIL"), events.stream().map(r -> r.getString("type")).toList());
        assertEquals("BadRequest", events.get(1).getString("error_code"));
    }

    @Test
    void every_kind_of_change_records_its_own_success_event() {
        JsonPath tenant = TestTenants.create(admin);
        String tenantPath = "/v1/tenants/" + tenant.getString("id");
        String clientId = tenant.getString("client.clientId");

        record Change(String type, int status, java.util.function.Function<RequestSpecification, io.restassured.response.Response> request) {
        }
        List<Change> changes = List.of(
                new Change("TENANT_UPDATE", 200, s -> s.contentType("application/merge-patch+json").body("{\"tag\":\"gold\"}").patch(tenantPath)),
                new Change("TENANT_LOCK", 200, s -> s.put(tenantPath + "/lock")),
                new Change("TENANT_UNLOCK", 200, s -> s.put(tenantPath + "/unlock")),
                new Change("TENANT_CLIENT_CREATE", 201, s -> s.contentType(ContentType.JSON).body("{\"name\":\"Viewer\",\"roles\":[\"viewer\"]}").post(tenantPath + "/clients")),
                new Change("TENANT_CLIENT_UPDATE", 200, s -> s.contentType(ContentType.JSON).body("{\"name\":\"Renamed\"}").patch(tenantPath + "/clients/" + clientId)),
                new Change("TENANT_CLIENT_SECRET_ROTATE", 200, s -> s.post(tenantPath + "/clients/" + clientId + "/secret")),
                new Change("ENTITLEMENT_UPDATE", 200, s -> s.contentType(ContentType.JSON)
                        .body("{\"type\":\"USERS\",\"quantity\":10,\"contractMode\":\"TRIAL\"}").put(tenantPath + "/entitlements")),
                new Change("USAGE_REPORT", 201, s -> s.contentType(ContentType.JSON)
                        .body("{\"id\":\"r-" + UUID.randomUUID() + "\",\"type\":\"USERS\",\"quantity\":1,\"at\":\"" + Instant.now() + "\"}")
                        .post(tenantPath + "/usage")),
                new Change("MANAGEMENT_CLIENT_CREATE", 201, s -> s.contentType(ContentType.JSON)
                        .body("{\"name\":\"Ops\",\"roles\":[\"platform-viewer\"]}").post("/v1/management/clients")),
                new Change("TENANT_CLIENT_DELETE", 204, s -> s.delete(tenantPath + "/clients/" + clientId)),
                new Change("TENANT_DELETE", 204, s -> s.delete(tenantPath)));
        for (Change change : changes) {
            RecordedCalls.Call call = trail.call(admin);
            change.request().apply(call.spec()).then().statusCode(change.status());
            assertEquals(List.of(change.type() + "_START", change.type() + "_SUCCESS"), trail.typesOf(call.requestId()), change.type());
        }
    }

    @Test
    void token_issuance_is_recorded_with_the_client_as_actor_and_a_wrong_secret_as_a_failure() {
        JsonPath tenant = TestTenants.create(admin);
        String clientId = tenant.getString("client.clientId");
        RecordedCalls.Call good = trail.call(null);
        good.spec().contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + tenant.getString("client.clientSecret") + "\"}")
                .post("/oauth/token").then().statusCode(200);
        RecordedCalls.Call bad = trail.call(null);
        bad.spec().contentType(ContentType.JSON)
                .body("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + clientId + "\",\"client_secret\":\"llsec_wrong\"}")
                .post("/oauth/token").then().statusCode(401);

        List<Row> issued = trail.eventsOf(good.requestId());
        assertEquals(List.of("ACCESS_TOKEN_CREATE_START", "ACCESS_TOKEN_CREATE_SUCCESS"), issued.stream().map(r -> r.getString("type")).toList());
        assertEquals(clientId, issued.get(1).getString("actor"));
        assertEquals(UUID.fromString(tenant.getString("id")), issued.get(1).getUUID("tenant_id"));
        List<Row> refused = trail.eventsOf(bad.requestId());
        assertEquals("ACCESS_TOKEN_CREATE_FAIL", refused.get(1).getString("type"));
        assertEquals("invalid_client", refused.get(1).getString("error_code"));
        assertEquals(clientId, refused.get(1).getString("actor"));
    }

    @Test
    void the_events_list_is_newest_first_filtered_and_keyset_paginated() {
        JsonPath tenant = TestTenants.create(admin);
        String tenantId = tenant.getString("id");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", admin).get("/v1/tenants/" + tenantId).then().statusCode(200);
        }
        buffer.drain().await().indefinitely();

        JsonPath first = given().header("Authorization", admin)
                .queryParam("tenantId", tenantId).queryParam("limit", 4)
                .get("/v1/events").then().statusCode(200)
                .body("data", hasSize(4))
                .body("data.tenantId", everyItem(equalTo(tenantId)))
                .body("nextCursor", notNullValue())
                .extract().jsonPath();
        JsonPath rest = given().header("Authorization", admin)
                .queryParam("tenantId", tenantId).queryParam("cursor", first.getString("nextCursor"))
                .get("/v1/events").then().statusCode(200).extract().jsonPath();
        List<String> times = new ArrayList<>(first.getList("data.time"));
        times.addAll(rest.getList("data.time"));
        assertEquals(8, times.size(), "create START/SUCCESS + 3 reads x START/SUCCESS");
        List<String> sorted = new ArrayList<>(times);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, times);
        List<String> ids = new ArrayList<>(first.getList("data.id"));
        ids.addAll(rest.getList("data.id"));
        assertEquals(ids.size(), ids.stream().distinct().count());

        given().header("Authorization", admin).queryParam("tenantId", tenantId).queryParam("type", "TENANT_CREATE_SUCCESS")
                .get("/v1/events").then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].actor", equalTo(TestTokens.ADMIN_CLIENT_ID))
                .body("data[0].requestId", notNullValue());
        given().header("Authorization", admin).queryParam("tenantId", tenantId)
                .queryParam("since", Instant.now().plus(1, ChronoUnit.HOURS).toString())
                .get("/v1/events").then().statusCode(200).body("data", hasSize(0));

        // since is inclusive and until exclusive, to the microsecond
        List<Instant> newestFirst = times.stream().map(Instant::parse).toList();
        Instant pivot = newestFirst.get(3);
        int lastAtPivot = newestFirst.lastIndexOf(pivot);
        assertEquals(newestFirst.subList(0, lastAtPivot + 1), eventTimes(tenantId, "since", pivot));
        assertEquals(newestFirst.subList(lastAtPivot + 1, newestFirst.size()), eventTimes(tenantId, "until", pivot));
        assertEquals(newestFirst.subList(newestFirst.indexOf(pivot), lastAtPivot + 1),
                given().header("Authorization", admin).queryParam("tenantId", tenantId).queryParam("since", pivot.toString())
                        .queryParam("until", pivot.plus(1, ChronoUnit.MICROS).toString())
                        .get("/v1/events").then().statusCode(200).extract().jsonPath().getList("data.time", String.class)
                        .stream().map(Instant::parse).toList());
    }

    @Test
    void an_operations_start_and_outcome_share_one_row_yet_are_listed_paged_and_filtered_as_two_events() {
        String tenantId = TestTenants.create(admin).getString("id");
        List<RecordedCalls.Call> reads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordedCalls.Call read = trail.call(admin);
            read.spec().when().get("/v1/tenants/" + tenantId).then().statusCode(200);
            reads.add(read);
        }
        buffer.drain().await().indefinitely();
        for (RecordedCalls.Call read : reads) {
            // its own row, or one it shares with like reads flushed with it (V14)
            assertEquals(1L, pool.preparedQuery("SELECT count(*) FROM events WHERE request_id = $1 OR $1 = ANY (ops_request_id)")
                    .execute(Tuple.of(read.requestId())).await().indefinitely().iterator().next().getLong(0),
                    "one row holds the read's START and SUCCESS");
        }

        JsonPath all = given().header("Authorization", admin).queryParam("tenantId", tenantId)
                .get("/v1/events").then().statusCode(200).extract().jsonPath();
        List<String> ids = all.getList("data.id");
        List<String> types = all.getList("data.type");
        assertEquals(8, ids.size(), "create + 3 reads, START and outcome each");
        assertEquals(List.of("TENANT_RETRIEVE_SUCCESS", "TENANT_RETRIEVE_START"), types.subList(0, 2));
        assertEquals(reads.get(2).requestId(), all.getString("data[1].requestId"));

        // one event per page: the page boundary falls inside every row, and the walk still has no gap or duplicate,
        // also where the row holding the last event shown has no other event that passes the filter
        assertEquals(ids, walkOneByOne(tenantId, null));
        assertEquals(List.of(ids.get(0), ids.get(2), ids.get(4)), walkOneByOne(tenantId, "TENANT_RETRIEVE_SUCCESS"));

        given().header("Authorization", admin).queryParam("tenantId", tenantId).queryParam("type", "TENANT_RETRIEVE_START")
                .get("/v1/events").then().statusCode(200)
                .body("data.type", everyItem(equalTo("TENANT_RETRIEVE_START")))
                .body("data.id", equalTo(List.of(ids.get(1), ids.get(3), ids.get(5))));
        given().header("Authorization", admin).queryParam("tenantId", tenantId).queryParam("type", "TENANT_RETRIEVE_SUCCESS")
                .get("/v1/events").then().statusCode(200)
                .body("data.id", equalTo(List.of(ids.get(0), ids.get(2), ids.get(4))));

        // a window from the last read's SUCCESS on holds that event but not its START, though both are in one row
        Instant success = Instant.parse(all.getString("data[0].time"));
        Instant start = Instant.parse(all.getString("data[1].time"));
        assertTrue(start.isBefore(success), "a read takes at least a microsecond");
        assertEquals(List.of(ids.get(0)), given().header("Authorization", admin).queryParam("tenantId", tenantId)
                .queryParam("since", success.toString()).get("/v1/events").then().statusCode(200).extract().jsonPath().getList("data.id"));
        assertEquals(ids.subList(1, ids.size()), given().header("Authorization", admin).queryParam("tenantId", tenantId)
                .queryParam("until", success.toString()).get("/v1/events").then().statusCode(200).extract().jsonPath().getList("data.id"));
    }

    private List<String> walkOneByOne(String tenantId, String type) {
        return EventPages.walkOneByOne(() -> given().header("Authorization", admin).queryParam("tenantId", tenantId), type, 20);
    }

    @Test
    void a_failed_reads_start_carries_the_payload_and_its_fail_the_status_and_error_code() {
        String missing = UUID.randomUUID().toString();
        given().header("Authorization", admin).get("/v1/tenants/" + missing).then().statusCode(404);
        buffer.drain().await().indefinitely();

        given().header("Authorization", admin).queryParam("tenantId", missing).get("/v1/events").then().statusCode(200)
                .body("data.type", equalTo(List.of("TENANT_RETRIEVE_FAIL", "TENANT_RETRIEVE_START")))
                .body("data[0].errorCode", equalTo("NotFound"))
                .body("data[0].payload.status", equalTo(404))
                .body("data[1].errorCode", equalTo(null))
                .body("data[1].payload.status", equalTo(null));
    }

    private List<Instant> eventTimes(String tenantId, String bound, Instant time) {
        return given().header("Authorization", admin).queryParam("tenantId", tenantId).queryParam(bound, time.toString())
                .get("/v1/events").then().statusCode(200).extract().jsonPath().getList("data.time", String.class)
                .stream().map(Instant::parse).toList();
    }

    @Test
    void bad_filters_are_a_400_naming_each_one() {
        given().header("Authorization", admin)
                .queryParam("tenantId", "nope").queryParam("since", "yesterday").queryParam("type", "lower")
                .get("/v1/events").then().statusCode(400)
                .body("details.param", hasItem("tenantId"))
                .body("details.param", hasItem("since"))
                .body("details.param", hasItem("type"));
        given().header("Authorization", admin).queryParam("cursor", "garbage").get("/v1/events").then().statusCode(400);
    }

    @Test
    void the_events_list_needs_a_token_and_the_events_read_permission_of_the_management_plane() {
        given().get("/v1/events").then().statusCode(401);
        JsonPath tenant = TestTenants.create(admin);
        given().header("Authorization", TestTenants.adminBearerOf(tenant)).get("/v1/events").then().statusCode(403);
        String viewer = TestTenants.clientBearer(admin, tenant.getString("id"), "viewer");
        given().header("Authorization", viewer).get("/v1/tenancies/self/events").then().statusCode(403);
    }

    @Test
    void a_tenant_admin_sees_only_its_own_tenants_events() {
        JsonPath mine = TestTenants.create(admin);
        JsonPath other = TestTenants.create(admin);
        String myAdmin = TestTenants.adminBearerOf(mine);
        // The other tenant's id from my token: a 404, recorded in my tenant's trail, not in the other's.
        given().header("Authorization", myAdmin).get("/v1/tenants/" + other.getString("id")).then().statusCode(404);
        given().header("Authorization", TestTenants.adminBearerOf(other)).get("/v1/tenants/" + other.getString("id")).then().statusCode(200);
        buffer.drain().await().indefinitely();

        given().header("Authorization", myAdmin).get("/v1/tenancies/self/events").then().statusCode(200)
                .body("data.tenantId", everyItem(equalTo(mine.getString("id"))))
                .body("data.type", hasItem("TENANT_RETRIEVE_FAIL"))
                .body("data.tenantId", not(hasItem(other.getString("id"))));
        given().header("Authorization", myAdmin).queryParam("type", "TENANT_CREATE_SUCCESS")
                .get("/v1/tenancies/self/events").then().statusCode(200).body("data", hasSize(1));
    }

    @Test
    void asynchronous_creation_records_the_submission_and_the_workers_outcome() {
        RecordedCalls.Call submit = trail.call(admin);
        String operationId = submit.spec().contentType(ContentType.JSON)
                .body("{\"name\":\"Later\",\"subdomain\":\"" + TestTenants.uniqueSubdomain("async") + "\",\"environmentId\":\"" + TestTenants.SYDNEY + "\"}")
                .post("/v1/async/tenants").then().statusCode(202).extract().path("id");
        assertEquals(List.of("TENANT_CREATE_ASYNC_START", "TENANT_CREATE_ASYNC_SUCCESS"), trail.typesOf(submit.requestId()));

        List<Row> outcome = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Row> rows = new ArrayList<>();
            pool.preparedQuery("SELECT type, actor, tenant_id FROM event_log WHERE payload ->> 'operationId' = $1"
                            + " AND type IN ('TENANT_CREATE_START', 'TENANT_CREATE_SUCCESS', 'TENANT_CREATE_FAIL') ORDER BY position, part")
                    .execute(Tuple.of(operationId)).await().indefinitely().forEach(rows::add);
            return rows;
        }, rows -> rows.size() >= 2);
        assertEquals(List.of("TENANT_CREATE_START", "TENANT_CREATE_SUCCESS"), outcome.stream().map(r -> r.getString("type")).toList());
        assertEquals(TestTokens.ADMIN_CLIENT_ID, outcome.get(1).getString("actor"));
        assertTrue(outcome.get(1).getUUID("tenant_id") != null);
    }

    @Test
    void the_database_refuses_a_row_that_could_not_hold_an_operations_two_events() {
        String insert = "INSERT INTO events (id, type, started_at, occurred_at) VALUES (%s, $1, now() - $2::text::interval, now())";
        String[][] refused = {
                { "event_id(now())", "TENANT_RETRIEVE_SUCCESS", "11 seconds" }, // started too long before: two rows
                { "event_id(now())", "TENANT_RETRIEVE_SUCCESS", "-1 second" }, // ended before it started
                { "event_id(now())", "TENANT_RETRIEVE_START", "1 second" }, // a row's own event is the outcome
                { "event_start_id(event_id(now()))", "TENANT_RETRIEVE_SUCCESS", "1 second" }, // an id a START could have
        };
        for (String[] row : refused) {
            var failure = pool.preparedQuery(insert.formatted(row[0])).execute(Tuple.of(row[1], row[2]))
                    .onItem().transform(ok -> (Throwable) null).onFailure().recoverWithItem(e -> e).await().indefinitely();
            assertTrue(failure != null && failure.getMessage().contains("check constraint"), String.join(", ", row) + ": " + failure);
        }
        pool.preparedQuery(insert.formatted("event_id(now())")).execute(Tuple.of("TENANT_RETRIEVE_FAIL", "10 seconds")).await().indefinitely();
    }

    @Test
    void events_past_retention_are_deleted_and_recent_ones_kept() {
        UUID old = insertEventAt(Instant.now().minus(91, ChronoUnit.DAYS));
        UUID recent = insertEventAt(Instant.now().minus(89, ChronoUnit.DAYS));

        assertTrue(retention.purge().await().indefinitely() >= 1);

        long left = pool.preparedQuery("SELECT count(*) FROM events WHERE id = ANY($1)").execute(Tuple.of(new UUID[] { old, recent }))
                .await().indefinitely().iterator().next().getLong(0);
        assertEquals(1, left);
        long recentLeft = pool.preparedQuery("SELECT count(*) FROM events WHERE id = $1").execute(Tuple.of(recent))
                .await().indefinitely().iterator().next().getLong(0);
        assertEquals(1, recentLeft);
    }

    private UUID insertEventAt(Instant occurredAt) {
        return pool.preparedQuery("INSERT INTO events (id, type, occurred_at) VALUES (event_id($1), 'TENANT_RETRIEVE_START', $1) RETURNING id")
                .execute(Tuple.of(occurredAt.atOffset(ZoneOffset.UTC))).await().indefinitely().iterator().next().getUUID("id");
    }
}
