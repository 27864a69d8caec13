package io.landlord.environment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.landlord.common.config.ConfigFiles;
import io.landlord.common.config.InvalidConfigurationException;
import io.landlord.common.config.LandlordConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Upserts the configured environments at start (idempotent: unchanged rows are not touched). */
@ApplicationScoped
public class EnvironmentSeeder {

    private static final String SETTING = "landlord.environments-file (LANDLORD_ENVIRONMENTS_FILE)";
    private static final Set<String> DEPLOYMENT_MODELS = Set.of("public", "private");
    private static final String UPSERT = """
            INSERT INTO environments (id, name, domain, deployment_model, authorization_server_domain,
                                      region_id, region_name, region_display_name)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (id) DO UPDATE
               SET name = EXCLUDED.name, domain = EXCLUDED.domain, deployment_model = EXCLUDED.deployment_model,
                   authorization_server_domain = EXCLUDED.authorization_server_domain,
                   region_id = EXCLUDED.region_id, region_name = EXCLUDED.region_name,
                   region_display_name = EXCLUDED.region_display_name, updated_at = now()
             WHERE (environments.name, environments.domain, environments.deployment_model,
                    environments.authorization_server_domain, environments.region_id, environments.region_name,
                    environments.region_display_name)
                   IS DISTINCT FROM
                   (EXCLUDED.name, EXCLUDED.domain, EXCLUDED.deployment_model, EXCLUDED.authorization_server_domain,
                    EXCLUDED.region_id, EXCLUDED.region_name, EXCLUDED.region_display_name)
            """;

    /** One entry of the environments file. */
    @RegisterForReflection
    record Seed(UUID id, String name, String domain, String deploymentModel, String authorizationServerDomain, Region region) {
        @RegisterForReflection
        record Region(UUID id, String name, String displayName) {
        }
    }

    void onStart(@Observes StartupEvent event, LandlordConfig config, Pool pool, ObjectMapper json) {
        if (config.environmentsFile().isEmpty()) {
            Log.info("No environments file configured (LANDLORD_ENVIRONMENTS_FILE unset); keeping the stored environments");
            return;
        }
        List<Seed> seeds = parse(json, ConfigFiles.read(SETTING, config.environmentsFile().get()));
        List<Tuple> rows = new ArrayList<>();
        for (Seed s : seeds) {
            rows.add(Tuple.from(List.of(s.id(), s.name(), s.domain(), s.deploymentModel(), s.authorizationServerDomain(),
                    s.region().id(), s.region().name(), s.region().displayName())));
        }
        pool.withTransaction(connection -> connection.preparedQuery(UPSERT).executeBatch(rows))
                .await().atMost(Duration.ofSeconds(30));
        Log.infof("Environments seeded: %d from %s", seeds.size(), config.environmentsFile().get());
    }

    private static List<Seed> parse(ObjectMapper json, String content) {
        List<Seed> seeds;
        try {
            seeds = json.readValue(content, new TypeReference<List<Seed>>() {
            });
        } catch (IOException e) {
            throw new InvalidConfigurationException(SETTING, "not a JSON array of environments (" + e.getClass().getSimpleName() + ")");
        }
        for (int i = 0; i < seeds.size(); i++) {
            Seed s = seeds.get(i);
            if (s == null || s.id() == null || blank(s.name()) || blank(s.domain()) || blank(s.authorizationServerDomain())
                    || !DEPLOYMENT_MODELS.contains(s.deploymentModel()) || s.region() == null || s.region().id() == null
                    || blank(s.region().name()) || blank(s.region().displayName())) {
                throw new InvalidConfigurationException(SETTING, "entry " + i
                        + " needs id, name, domain, deploymentModel (public|private), authorizationServerDomain"
                        + " and region {id, name, displayName}");
            }
        }
        return seeds;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
