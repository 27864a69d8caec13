package io.landlord.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.landlord.support.ProductionDatabaseResource;
import io.landlord.support.TestTenants;
import io.landlord.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, in prod mode against an external PostgreSQL: the path an operator takes. Its run also trains the
 * AOT cache (target/quarkus-app/app.aot), so it goes through the common paths once: tokens, a create, reads.
 */
@QuarkusIntegrationTest
@WithTestResource(ProductionDatabaseResource.class)
class PackagedApplicationIT {

    @Test
    void the_packaged_application_is_ready_and_checks_its_database() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void the_packaged_application_issues_a_token_that_lists_environments() {
        given().header("Authorization", TestTokens.bearer(TestTokens.adminToken()))
                .when().get("/v1/environments")
                .then().statusCode(200)
                .body("data.name", hasItem("Public Sydney, Australia"));
    }

    @Test
    void the_packaged_application_creates_a_tenant_whose_admin_client_reads_it() {
        JsonPath tenant = TestTenants.create(TestTokens.bearer(TestTokens.adminToken()));
        given().header("Authorization", TestTenants.adminBearerOf(tenant))
                .when().get("/v1/tenants/" + tenant.getString("id"))
                .then().statusCode(200)
                .body("subdomain", equalTo(tenant.getString("subdomain")));
    }

    @Test
    void the_packaged_application_publishes_its_configured_key() {
        given().when().get("/.well-known/jwks.json")
                .then().statusCode(200)
                .body("keys[0].kid", org.hamcrest.Matchers.startsWith("it-"));
    }
}
