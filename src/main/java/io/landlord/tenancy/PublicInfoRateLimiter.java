package io.landlord.tenancy;

import io.landlord.common.web.AddressRateLimiter;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/** The unauthenticated public-info endpoint's limit per client address ({@code landlord.public-info}). */
@Singleton
public class PublicInfoRateLimiter extends AddressRateLimiter {

    public PublicInfoRateLimiter(Pool pool, PublicInfoConfig config) {
        super(pool, "", config.requestsPerWindow(), config.window());
    }
}
