-- Webhooks: subscriptions, a durable delivery queue fed from the events feed, and the attempts made.

CREATE TABLE webhooks (
    id            uuid        PRIMARY KEY,
    url           text        NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    -- the event types delivered; empty means every type
    event_types   text[]      NOT NULL DEFAULT '{}',
    -- deliver only this tenant's events; null means every tenant's (and those of no tenant)
    tenant_id     uuid        REFERENCES tenants (id) ON DELETE CASCADE,
    enabled       boolean     NOT NULL DEFAULT true,
    -- AES-256-GCM (SecretBox): the secret must be recoverable to sign each delivery
    sealed_secret bytea       NOT NULL,
    -- set by the first failed attempt after a success; cleared by a success
    failing_since timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX webhooks_created_at_id ON webhooks (created_at, id);
CREATE INDEX webhooks_tenant_id ON webhooks (tenant_id) WHERE tenant_id IS NOT NULL;

CREATE TABLE webhook_deliveries (
    id                uuid        PRIMARY KEY,
    webhook_id        uuid        NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    -- no foreign key: the events' retention may delete an event a finished delivery still names
    event_id          uuid        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts          integer     NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL,
    -- the retry window (landlord.webhooks.retry-for) runs from here: creation, or the last redelivery
    retrying_since    timestamptz NOT NULL,
    claim_id          uuid,
    lease_until       timestamptz,
    last_status_code  integer,
    last_error        text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CONSTRAINT webhook_deliveries_once UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_newest ON webhook_deliveries (webhook_id, created_at DESC, id DESC);
-- finished deliveries are deleted with the events' retention
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (updated_at) WHERE status <> 'PENDING';

CREATE TABLE webhook_delivery_attempts (
    delivery_id  uuid        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt      integer     NOT NULL,
    attempted_at timestamptz NOT NULL,
    status_code  integer,
    -- null for an HTTP answer; else TIMEOUT, CONNECTION, DNS, REFUSED_TARGET, EVENT_GONE
    error        text,
    duration_ms  integer     NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);

-- Where the dispatcher is in the events feed: one row, locked by the one instance dispatching.
-- It starts after the events that exist now: webhooks created later receive only later events anyway.
CREATE TABLE webhook_dispatch_cursor (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    tx        xid8    NOT NULL,
    position  bigint  NOT NULL
);
INSERT INTO webhook_dispatch_cursor (tx, position)
SELECT tx, position
  FROM ((SELECT tx, position FROM events WHERE tx < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY tx DESC, position DESC LIMIT 1)
        UNION ALL SELECT '0'::xid8, 0) AS start
 ORDER BY tx DESC, position DESC LIMIT 1;
