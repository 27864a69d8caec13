package io.landlord.client;

import io.landlord.common.config.InvalidConfigurationException;
import io.landlord.common.config.LandlordConfig;
import io.landlord.common.crypto.Secrets;
import io.landlord.common.security.Roles;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.UUID;

/**
 * Creates (or re-keys) the first management client from LANDLORD_BOOTSTRAP_CLIENT_ID / _SECRET at every
 * start; idempotent, so several instances starting together agree.
 */
@ApplicationScoped
public class ManagementClientBootstrap {

    static final int MIN_SECRET_LENGTH = 32;
    private static final String UPSERT = """
            INSERT INTO clients (id, client_id, tenant_id, name, roles, secret_hash)
            VALUES ($1, $2, NULL, 'Bootstrap management client', $3, $4)
            ON CONFLICT (client_id) DO UPDATE
               SET secret_hash = EXCLUDED.secret_hash, roles = EXCLUDED.roles, updated_at = now()
             WHERE clients.tenant_id IS NULL
               AND (clients.secret_hash <> EXCLUDED.secret_hash OR clients.roles <> EXCLUDED.roles)
            """;

    void onStart(@Observes StartupEvent event, LandlordConfig config, Pool pool) {
        String clientId = config.bootstrap().clientId().orElse(null);
        String secret = config.bootstrap().clientSecret().orElse(null);
        if (clientId == null && secret == null) {
            Log.info("No bootstrap management client configured (LANDLORD_BOOTSTRAP_CLIENT_ID unset)");
            return;
        }
        if (clientId == null || secret == null) {
            throw new InvalidConfigurationException("landlord.bootstrap (LANDLORD_BOOTSTRAP_CLIENT_ID / _SECRET)",
                    "set both the client id and the secret, or neither");
        }
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new InvalidConfigurationException("landlord.bootstrap.client-secret (LANDLORD_BOOTSTRAP_CLIENT_SECRET)",
                    "must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        pool.preparedQuery(UPSERT)
                .execute(Tuple.of(UUID.randomUUID(), clientId, new String[] { Roles.PLATFORM_ADMIN },
                        Buffer.buffer(Secrets.hash(secret))))
                .await().atMost(Duration.ofSeconds(30));
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            Log.infof("Dev management credential: client_id=%s client_secret=%s (dev mode only)", clientId, secret);
        } else {
            Log.infof("Bootstrap management client %s is ready", clientId);
        }
    }
}
