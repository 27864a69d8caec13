CREATE TABLE environments (
    id                          uuid        PRIMARY KEY,
    name                        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    domain                      text        NOT NULL UNIQUE CHECK (length(domain) BETWEEN 1 AND 253),
    deployment_model            text        NOT NULL CHECK (deployment_model IN ('public', 'private')),
    authorization_server_domain text        NOT NULL,
    region_id                   uuid        NOT NULL,
    region_name                 text        NOT NULL,
    region_display_name         text        NOT NULL,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);

-- Keyset pagination walks (created_at, id).
CREATE INDEX environments_created_at_id ON environments (created_at, id);
