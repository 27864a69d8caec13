-- The deny-list of access tokens (RFC 7009 revocation). A row names one token by its jti (kind 'token'), or every
-- token issued to a client before revoked_at (kind 'client': a deleted client, a rotation that revokes). Each
-- instance keeps the live rows in memory and reads the rows stored since its previous read every few seconds
-- (stored_at, the database's clock). A row is useless once every token it names has expired, at expires_at, and is
-- purged then.
CREATE TABLE token_revocations (
    kind       text        NOT NULL CHECK (kind IN ('token', 'client')),
    value      text        NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
    revoked_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    stored_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (kind, value)
);

CREATE INDEX token_revocations_stored_at ON token_revocations (stored_at);
CREATE INDEX token_revocations_expires_at ON token_revocations (expires_at);
