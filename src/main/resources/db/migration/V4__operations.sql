-- Asynchronous tenant creation. A row is committed before the 202 is sent; claims are atomic UPDATEs.
CREATE TABLE operations (
    id                uuid        PRIMARY KEY,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    request           jsonb       NOT NULL,
    request_hash      bytea       NOT NULL,
    submitted_by      text        NOT NULL,
    idempotency_key   text        CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    claim_id          uuid,
    lease_until       timestamptz,
    attempts          integer     NOT NULL DEFAULT 0,
    tenant_id         uuid        REFERENCES tenants (id) ON DELETE SET NULL,
    client_id         text,
    result_secret     bytea,
    result_consumed   boolean     NOT NULL DEFAULT false,
    result_expires_at timestamptz,
    error_status      integer,
    error             jsonb,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    completed_at      timestamptz,
    CHECK (status <> 'SUCCEEDED' OR tenant_id IS NOT NULL OR completed_at IS NOT NULL),
    CHECK (status <> 'FAILED' OR error IS NOT NULL)
);

-- An Idempotency-Key is one client's, unique while kept (the sweeper releases keys after 24 h).
CREATE UNIQUE INDEX operations_idempotency ON operations (submitted_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- Work to claim: PENDING ones, and RUNNING ones whose lease ran out.
CREATE INDEX operations_claimable ON operations (created_at) WHERE status IN ('PENDING', 'RUNNING');
-- Listing, per submitter and in general, in keyset order.
CREATE INDEX operations_created_at_id ON operations (created_at, id);
CREATE INDEX operations_submitter_created_at_id ON operations (submitted_by, created_at, id);
-- Unread one-time results to expire.
CREATE INDEX operations_result_expiry ON operations (result_expires_at) WHERE result_secret IS NOT NULL;
-- Idempotency keys to release once their window has passed.
CREATE INDEX operations_idempotency_age ON operations (created_at) WHERE idempotency_key IS NOT NULL;
