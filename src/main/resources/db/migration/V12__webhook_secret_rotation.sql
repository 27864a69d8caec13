-- Rotating a webhook's signing secret: the new secret signs at once, and the previous one keeps signing beside it
-- until previous_secret_expires_at, so a receiver can switch to the new secret without refusing a delivery.
ALTER TABLE webhooks
    ADD COLUMN previous_sealed_secret bytea,
    ADD COLUMN previous_secret_expires_at timestamptz,
    ADD CONSTRAINT webhooks_previous_secret_check
        CHECK ((previous_sealed_secret IS NULL) = (previous_secret_expires_at IS NULL));
