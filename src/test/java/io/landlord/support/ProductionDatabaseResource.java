package io.landlord.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** For {@code @QuarkusIntegrationTest}: the packaged application runs in prod mode on an embedded PostgreSQL. */
public class ProductionDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        database = EmbeddedDatabase.start();
        return database.productionEnvironment("http://localhost:8081");
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}
