-- Failed client authentications per client id and client address (an IPv6 address by its /64), in fixed windows cut
-- by the database's clock, shared by every instance. Past the threshold the pair is locked until locked_until, for a
-- back-off that doubles with each lock-out (lockouts) up to a cap. UNLOGGED, as the public-info counters: a crash
-- forgets counters, which costs an attacker's slowdown, never a user's data.
CREATE UNLOGGED TABLE client_auth_failures (
    client_id      text        NOT NULL,
    client_address text        NOT NULL,
    window_start   timestamptz NOT NULL,
    failures       integer     NOT NULL,
    lockouts       integer     NOT NULL DEFAULT 0,
    locked_until   timestamptz,
    PRIMARY KEY (client_id, client_address)
);
