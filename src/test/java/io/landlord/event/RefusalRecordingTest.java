package io.landlord.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refused requests in the audit trail: what the permission checks turn away, and what is not recorded. */
@QuarkusTest
class RefusalRecordingTest {

    @Inject
    Pool pool;

    @Inject
    EventBuffer buffer;

    private String admin;

    private RecordedCalls trail;

    @BeforeEach
    void token() {
        admin = TestTokens.bearer(TestTokens.adminToken());
        trail = new RecordedCalls(pool, buffer);
    }

    @Test
    void a_permission_the_token_lacks_is_recorded_as_the_operations_start_and_a_forbidden_fail() {
        JsonPath tenant = TestTenants.create(admin);
        String tenantId = tenant.getString("id");
        String tenantAdmin = TestTenants.adminBearerOf(tenant);
        JsonPath viewerClient = given().header("Authorization", tenantAdmin).contentType(ContentType.JSON)
                .body("{\"name\":\"curious viewer\",\"roles\":[\"viewer\"]}")
                .when().post("/v1/tenants/" + tenantId + "/clients").then().statusCode(201).extract().jsonPath();
        String viewer = TestTokens.bearer(TestTokens.token(viewerClient.getString("clientId"), viewerClient.getString("clientSecret")));

        RecordedCalls.Call read = trail.call(viewer);
        read.spec().when().get("/v1/tenancies/self/events").then().statusCode(403);
        List<Row> events = trail.eventsOf(read.requestId());
        assertEquals(List.of("TENANCY_EVENT_RETRIEVE_LIST_START", "TENANCY_EVENT_RETRIEVE_LIST_FAIL"),
                events.stream().map(r -> r.getString("type")).toList());
        for (Row event : events) {
            assertEquals(viewerClient.getString("clientId"), event.getString("actor"));
            assertEquals(UUID.fromString(tenantId), event.getUUID("tenant_id"));
        }
        assertEquals("Forbidden", events.get(1).getString("error_code"));
        assertEquals(403, events.get(1).getJsonObject("payload").getInteger("status"));
        // the tenant's admin sees the attempt in its own trail
        given().header("Authorization", tenantAdmin).queryParam("type", "TENANCY_EVENT_RETRIEVE_LIST_FAIL")
                .get("/v1/tenancies/self/events").then().statusCode(200)
                .body("data.actor", hasItem(viewerClient.getString("clientId")));

        // a management client without tenants:lock: the change refused is about the tenant in the path
        JsonPath platformViewer = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"would-be locker\",\"roles\":[\"platform-viewer\"]}")
                .when().post("/v1/management/clients").then().statusCode(201).extract().jsonPath();
        RecordedCalls.Call lock = trail.call(TestTokens.bearer(TestTokens.token(platformViewer.getString("clientId"), platformViewer.getString("clientSecret"))));
        lock.spec().when().put("/v1/tenants/" + tenantId + "/lock").then().statusCode(403);
        List<Row> lockEvents = trail.eventsOf(lock.requestId());
        assertEquals(List.of("TENANT_LOCK_START", "TENANT_LOCK_FAIL"), lockEvents.stream().map(r -> r.getString("type")).toList());
        assertEquals(UUID.fromString(tenantId), lockEvents.get(1).getUUID("tenant_id"));
        assertEquals(platformViewer.getString("clientId"), lockEvents.get(1).getString("actor"));
        given().header("Authorization", admin).get("/v1/tenants/" + tenantId).then().statusCode(200).body("locked", equalTo(false));
    }

    @Test
    void a_refusal_inside_the_operation_is_recorded_once_and_a_request_without_a_valid_token_not_at_all() {
        String tenantAdmin = TestTenants.adminBearerOf(TestTenants.create(admin));
        RecordedCalls.Call managementOnly = trail.call(tenantAdmin);
        managementOnly.spec().when().get("/v1/tenants").then().statusCode(403);
        assertEquals(List.of("TENANT_RETRIEVE_LIST_START", "TENANT_RETRIEVE_LIST_FAIL"), trail.typesOf(managementOnly.requestId()));

        RecordedCalls.Call anonymous = trail.call(null);
        anonymous.spec().when().get("/v1/tenancies/self/events").then().statusCode(401);
        RecordedCalls.Call forged = trail.call("Bearer not.a.token");
        forged.spec().when().get("/v1/events").then().statusCode(401);
        assertEquals(List.of(), trail.typesOf(anonymous.requestId()));
        assertEquals(List.of(), trail.typesOf(forged.requestId()));

        // a locked tenant's token is refused while authenticating: no caller, nothing recorded
        JsonPath locked = TestTenants.create(admin);
        String lockedAdmin = TestTenants.adminBearerOf(locked);
        given().header("Authorization", admin).put("/v1/tenants/" + locked.getString("id") + "/lock").then().statusCode(200);
        RecordedCalls.Call refused = trail.call(lockedAdmin);
        refused.spec().when().get("/v1/tenancies/self/events").then().statusCode(403).body("type", equalTo("TenantLocked"));
        assertEquals(List.of(), trail.typesOf(refused.requestId()));
    }
}
