package io.landlord.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Landlord's own settings; README documents the environment variable behind each. */
@ConfigMapping(prefix = "landlord")
public interface LandlordConfig {

    /** Public base URL of this service, the {@code iss} of every token. */
    String issuer();

    /** The {@code aud} of management tokens. */
    String managementAudience();

    Token token();

    Operations operations();

    Locks locks();

    Usage usage();

    Webhooks webhooks();

    Database database();

    Bootstrap bootstrap();

    Signing signing();

    /** Base64 of 32 bytes: the AES-256-GCM key for secrets kept encrypted at rest. */
    Optional<String> encryptionKey();

    /** JSON array of environments upserted at start; a path, or {@code classpath:} followed by a resource. */
    Optional<String> environmentsFile();

    /** Dev and tests only: generate throw-away signing and encryption keys when none is configured. */
    @WithDefault("false")
    boolean allowEphemeralKeys();

    /** The production database; dev mode and tests use an embedded PostgreSQL instead. */
    interface Database {
        String host();

        @WithDefault("5432")
        int port();

        @WithDefault("landlord")
        String name();

        String user();

        String password();
    }

    /** Webhook deliveries. */
    interface Webhooks {
        /**
         * Accept targets on loopback, link-local, private, CGNAT, multicast or unspecified addresses. Off in
         * production: a webhook must not become a way into the platform's own network.
         */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** How long one delivery attempt may take, connecting included. */
        @WithDefault("PT10S")
        Duration timeout();

        /** The first retry waits up to this long; each further one up to twice as long (full jitter). */
        @WithDefault("PT5S")
        Duration backoffBase();

        /** The longest wait between two attempts. */
        @WithDefault("PT1H")
        Duration backoffCap();

        /**
         * A delivery is retried this long after it was created (or redelivered), then FAILED; a webhook whose
         * deliveries have failed this long without a success in between is disabled.
         */
        @WithDefault("PT24H")
        Duration retryFor();

        /** How often each instance looks for new events to dispatch and for deliveries that are due. */
        @WithDefault("PT0.5S")
        Duration pollInterval();

        /** Deliveries one instance has in flight at once; the rest wait in the queue. */
        @WithDefault("32")
        int maxInFlight();
    }

    /** Usage counting. */
    interface Usage {
        /** Count the tokens issued to tenants' clients as TRANSACTIONS usage (and enforce hard limits on them). */
        @WithDefault("true")
        boolean countTokens();

        /** How often counted token issues are written: also the longest a hard limit lags behind. */
        @WithDefault("PT5S")
        Duration flushInterval();
    }

    /** Tenant locks. */
    interface Locks {
        /** How often each instance reloads the locked tenants: the longest a lock takes to reach every instance. */
        @WithDefault("PT2S")
        Duration refreshInterval();
    }

    /** Asynchronous tenant creation. */
    interface Operations {
        /** Operations one instance runs at once; the rest wait in PENDING. */
        @WithDefault("8")
        int maxConcurrent();

        /** How long a claim holds before another instance may take the operation over. */
        @WithDefault("PT30S")
        Duration lease();

        /** How often each instance looks for PENDING work and expired leases. */
        @WithDefault("PT2S")
        Duration sweepInterval();

        /** How long an unread one-time result is kept. */
        @WithDefault("PT24H")
        Duration resultTtl();

        /** How long an Idempotency-Key is remembered. */
        @WithDefault("PT24H")
        Duration idempotencyWindow();
    }

    interface Token {
        @WithDefault("PT4H")
        Duration lifetime();
    }

    interface Bootstrap {
        Optional<String> clientId();

        Optional<String> clientSecret();
    }

    interface Signing {
        /** A JSON Web Key Set with private keys, or PEM (PKCS#8) private keys. */
        Optional<String> keysFile();

        /** The kid that signs new tokens; default: the first key of the file. */
        Optional<String> activeKid();
    }
}
