-- Rotating a client's secret with an overlap: the new secret works at once, and the previous one keeps working beside
-- it until previous_secret_expires_at, so the client's deployments can switch without a refused token request.
ALTER TABLE clients
    ADD COLUMN previous_secret_hash bytea CHECK (length(previous_secret_hash) = 32),
    ADD COLUMN previous_secret_expires_at timestamptz,
    ADD CONSTRAINT clients_previous_secret_check
        CHECK ((previous_secret_hash IS NULL) = (previous_secret_expires_at IS NULL));
