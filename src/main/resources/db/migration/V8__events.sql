-- The audit trail: every API operation's START and SUCCESS or FAIL events.
-- `tx` is the writing transaction's id and `position` orders the events within it. A reader that takes only
-- events with tx < pg_snapshot_xmin(pg_current_snapshot()) sees no transaction that is still running, so a
-- transaction with a smaller id that commits late can never land behind a stream's or a dispatcher's cursor.
CREATE TABLE events (
    id          uuid        PRIMARY KEY,
    tx          xid8        NOT NULL DEFAULT pg_current_xact_id(),
    position    bigint      GENERATED ALWAYS AS IDENTITY,
    type        text        NOT NULL CHECK (type ~ '^[A-Z][A-Z0-9_]{2,99}$'),
    occurred_at timestamptz NOT NULL,
    actor       text,
    -- no foreign key: the trail outlives the tenant it describes
    tenant_id   uuid,
    request_id  text,
    error_code  text,
    payload     jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(payload) = 'object')
);
CREATE UNIQUE INDEX events_stream_order ON events (tx, position);
CREATE INDEX events_newest ON events (occurred_at DESC, id DESC);
CREATE INDEX events_tenant_newest ON events (tenant_id, occurred_at DESC, id DESC) WHERE tenant_id IS NOT NULL;
CREATE INDEX events_type_newest ON events (type, occurred_at DESC, id DESC);
CREATE INDEX events_actor_newest ON events (actor, occurred_at DESC, id DESC) WHERE actor IS NOT NULL;
