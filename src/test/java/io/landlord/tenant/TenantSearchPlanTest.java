package io.landlord.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plans PostgreSQL makes for the documented search shapes on a table of {@value #TENANTS} tenants named as the
 * scale benchmark seeds them ("Seed tenant n", "seed-n"): enough rows for the planner to choose as it does at a
 * million. The table lives in a database of its own, migrated by this application's migrations, so the other tests'
 * tenants are not in it and its statistics are not theirs. Plans are checked by node types and index names.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantSearchPlanTest {

    static final int TENANTS = 100_000;

    @Inject
    Pool pool;
    @Inject
    Flyway flyway;
    @Inject
    Vertx vertx;
    @Inject
    ObjectMapper json;

    private final String database = "search_plans_" + UUID.randomUUID().toString().substring(0, 8);
    private PgConnection connection;

    /** One node of a plan: its type, the index it reads (if any) and whether it starts at an index condition. */
    record Node(String type, String index, boolean indexCondition) {
    }

    @BeforeAll
    void seedATableOfTenants() {
        pool.query("CREATE DATABASE " + database).execute().await().indefinitely();
        PgConnectOptions options = PgConnectOptions.fromUri(config("quarkus.datasource.reactive.url")).setDatabase(database)
                .setUser(config("quarkus.datasource.username")).setPassword(config("quarkus.datasource.password"));
        Flyway.configure().configuration(flyway.getConfiguration())
                .dataSource("jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + database,
                        options.getUser(), options.getPassword())
                .load().migrate();
        connection = PgConnection.connect(vertx, options).await().indefinitely();
        UUID environment = UUID.randomUUID();
        connection.preparedQuery("INSERT INTO environments (id, name, domain, deployment_model, authorization_server_domain,"
                + " region_id, region_name, region_display_name) VALUES ($1, 'Plans', 'plans.test', 'public', 'auth.plans.test',"
                + " $1, 'plans01', 'Plans')").execute(Tuple.of(environment)).await().indefinitely();
        connection.preparedQuery("INSERT INTO tenants (id, environment_id, name, subdomain, created_at, updated_at)"
                + " SELECT gen_random_uuid(), $1, 'Seed tenant ' || n, 'seed-' || n,"
                + " timestamptz '2025-01-01 00:00:00Z' + n * interval '1001 microseconds',"
                + " timestamptz '2025-01-01 00:00:00Z' + n * interval '1001 microseconds'"
                + " FROM generate_series(1, " + TENANTS + ") AS n").execute(Tuple.of(environment)).await().indefinitely();
        // as autovacuum leaves a table: statistics, and a visibility map that lets index-only scans skip the table
        connection.query("VACUUM (ANALYZE)").execute().await().indefinitely();
    }

    @AfterAll
    void dropTheTable() {
        if (connection != null) {
            connection.close().await().indefinitely();
        }
        pool.query("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)").execute().await().indefinitely();
    }

    @ParameterizedTest
    @CsvSource({
            "name, tenants_name_live",
            "subdomain, tenants_subdomain_live",
            "createdAt, tenants_created_at_id",
            "code, tenants_code_id",
            "tag, tenants_tag_id",
            "type, tenants_type_id",
            "environmentId, tenants_environment_id_id",
            "mainTenantId, tenants_main_tenant_id_id",
            "locked, tenants_locked_id" })
    void a_search_that_nearly_every_tenant_matches_walks_the_index_of_its_ordering_instead_of_sorting(String attribute, String index) {
        List<Node> plan = plan("{\"searchByAttributes\":[{\"attribute\":\"name\",\"operator\":\"CONTAINS\",\"value\":\"tenant\"}],"
                + "\"orderBy\":[{\"attribute\":\"" + attribute + "\",\"direction\":\"ASC\"}],\"limit\":100}");
        assertTrue(plan.stream().anyMatch(node -> node.type().startsWith("Index") && index.equals(node.index())), plan::toString);
        assertFalse(plan.stream().anyMatch(node -> node.type().endsWith("Sort") || node.type().contains("Seq Scan")
                || node.type().startsWith("Bitmap")), plan::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = { "ASC", "DESC" })
    void the_next_page_of_such_a_search_starts_in_the_index_at_its_cursor(String direction) {
        String first = "{\"searchByAttributes\":[{\"attribute\":\"name\",\"operator\":\"CONTAINS\",\"value\":\"tenant\"}],"
                + "\"orderBy\":[{\"attribute\":\"name\",\"direction\":\"" + direction + "\"}],\"limit\":100";
        String cursor = TenantSearch.cursorAfter(TenantSearch.compile(request(first + "}")), List.of("seed tenant 55555"),
                UUID.randomUUID());
        List<Node> plan = plan(first + ",\"cursor\":\"" + cursor + "\"}");
        assertTrue(plan.stream().anyMatch(node -> node.type().startsWith("Index") && "tenants_name_live".equals(node.index())
                && node.indexCondition()), plan::toString);
        // ascending, the index gives the whole order; descending, it is walked backwards and only names that tie are put
        // in id order (an Incremental Sort), never the whole match
        boolean ascending = direction.equals("ASC");
        assertFalse(plan.stream().anyMatch(node -> (ascending ? node.type().endsWith("Sort") : node.type().equals("Sort"))
                || node.type().startsWith("Bitmap")), plan::toString);
    }

    @ParameterizedTest
    @CsvSource({
            "name, CONTAINS, tenant, tenants_name_live",
            "subdomain, STARTS_WITH, seed, tenants_subdomain_live" })
    void a_search_on_the_text_it_is_ordered_by_filters_in_the_index_without_visiting_the_table(String attribute,
            String operator, String value, String index) {
        List<Node> plan = plan("{\"searchByAttributes\":[{\"attribute\":\"" + attribute + "\",\"operator\":\"" + operator
                + "\",\"value\":\"" + value + "\"}],\"orderBy\":[{\"attribute\":\"" + attribute + "\"}],\"limit\":100}");
        assertTrue(plan.stream().anyMatch(node -> node.type().equals("Index Only Scan") && index.equals(node.index())),
                plan::toString);
    }

    @Test
    void the_trigram_indexes_keep_a_short_list_of_pending_entries_that_every_lookup_reads() {
        List<String> options = new ArrayList<>();
        connection.query("SELECT c.relname || ':' || array_to_string(c.reloptions, ',') FROM pg_class c"
                + " WHERE c.relname IN ('tenants_name_trgm', 'tenants_subdomain_trgm') ORDER BY c.relname").execute()
                .await().indefinitely().forEach(row -> options.add(row.getString(0)));
        assertEquals(List.of("tenants_name_trgm:gin_pending_list_limit=256", "tenants_subdomain_trgm:gin_pending_list_limit=256"),
                options);
    }

    @Test
    void a_name_fragment_few_tenants_have_is_looked_up_in_the_name_trigram_index() {
        List<Node> plan = plan("{\"searchByAttributes\":[{\"attribute\":\"name\",\"operator\":\"CONTAINS\",\"value\":\"54321\"}],"
                + "\"orderBy\":[{\"attribute\":\"createdAt\"}],\"limit\":100}");
        assertTrue(plan.stream().anyMatch(node -> node.type().equals("Bitmap Index Scan") && "tenants_name_trgm".equals(node.index())),
                plan::toString);
        assertFalse(plan.stream().anyMatch(node -> node.type().contains("Seq Scan") || "tenants_created_at_id".equals(node.index())),
                plan::toString);
    }

    @Test
    void a_subdomain_ending_few_tenants_have_is_looked_up_in_the_subdomain_trigram_index() {
        List<Node> plan = plan("{\"searchByAttributes\":[{\"attribute\":\"subdomain\",\"operator\":\"ENDS_WITH\",\"value\":\"86420\"}],"
                + "\"orderBy\":[{\"attribute\":\"createdAt\"}],\"limit\":100}");
        assertTrue(plan.stream().anyMatch(node -> node.type().equals("Bitmap Index Scan")
                && "tenants_subdomain_trgm".equals(node.index())), plan::toString);
        assertFalse(plan.stream().anyMatch(node -> node.type().contains("Seq Scan") || "tenants_created_at_id".equals(node.index())),
                plan::toString);
    }

    private TenantSearchRequest request(String body) {
        try {
            return json.readValue(body, TenantSearchRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The nodes of the plan of the search's query, as the application runs it (its SQL and parameters). */
    private List<Node> plan(String body) {
        TenantSearch.Query query = TenantSearch.compile(request(body));
        Object explained = connection.preparedQuery("EXPLAIN (FORMAT JSON) " + query.sql())
                .execute(Tuple.from(query.params())).await().indefinitely().iterator().next().getValue(0);
        List<Node> nodes = new ArrayList<>();
        try {
            collect(json.readTree(explained.toString()).get(0).get("Plan"), nodes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return nodes;
    }

    private static void collect(JsonNode plan, List<Node> nodes) {
        nodes.add(new Node(plan.get("Node Type").asText(), plan.path("Index Name").asText(null), plan.has("Index Cond")));
        plan.path("Plans").forEach(child -> collect(child, nodes));
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
