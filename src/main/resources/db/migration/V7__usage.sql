-- Usage per tenant, type and hour; reports are idempotent by the caller's id; quota notices are recorded once.
CREATE TABLE usage (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    type         text        NOT NULL CHECK (type IN ('USERS', 'TRANSACTIONS', 'AUTHENTICATIONS', 'ISSUANCE')),
    bucket_start timestamptz NOT NULL CHECK (bucket_start = date_trunc('hour', bucket_start)),
    quantity     bigint      NOT NULL CHECK (quantity >= 0),
    PRIMARY KEY (tenant_id, type, bucket_start)
);
CREATE INDEX usage_bucket_start ON usage (bucket_start, tenant_id, type);

CREATE TABLE usage_reports (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         text        NOT NULL CHECK (length(id) BETWEEN 1 AND 200),
    type       text        NOT NULL,
    quantity   bigint      NOT NULL CHECK (quantity > 0),
    at         timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE quota_notices (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    type         text        NOT NULL,
    period_start timestamptz NOT NULL,
    level        text        NOT NULL CHECK (level IN ('ENTITLEMENT_THRESHOLD_REACHED', 'ENTITLEMENT_EXHAUSTED')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, type, period_start, level)
);
