-- One row per operation. An operation's START is always written together with its SUCCESS or FAIL (in the change's
-- transaction, or in the same read batch), so one row now holds both: `started_at` is the START's time and the row's
-- own type, time and error code are the outcome's. Each event still has its own id, type, time and feed position:
--   START    id = the row's id with its lowest bit cleared, type = <OPERATION>_START, time = started_at,
--            payload = the row's (a FAIL's without the response's `status`), no error code, feed position (tx, position, part 0)
--   outcome  id = the row's id, the row's type, occurred_at, error_code and payload, feed position (tx, position, part 1)
-- Rows written before this migration, and events that are not an operation's (WEBHOOK_DISABLED, quota notices), hold
-- one event each, as before (part 1). Half the rows for the same events: recording a read now costs one row.
--
-- Ids: every id written from now on has its lowest bit set, so no stored id can be a START's id; an operation's row
-- id is drawn from its START's time, so its START sorts right below its outcome, and row order is START order.
-- An operation is stored as one row only when it ended within 10 seconds of its start (longer ones are written as two
-- rows): a time window over outcome times then is an id range widened by 10 seconds at most.

CREATE OR REPLACE FUNCTION event_id(occurred_at timestamptz) RETURNS uuid
    LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
    SELECT encode(int8send((((extract(epoch FROM occurred_at) * 1000000)::bigint / 1000) << 16)
                           | 28672 -- version 7
                           | ((extract(epoch FROM occurred_at) * 1000000)::bigint % 1000))
                  -- the low half of a random (version 4) UUID: the RFC 9562 variant bits and 62 random bits, the
                  -- last of them set (see above)
                  || set_byte(random_half, 7, get_byte(random_half, 7) | 1), 'hex')::uuid
      FROM (SELECT substr(uuid_send(gen_random_uuid()), 9) AS random_half) r
$$;

CREATE FUNCTION event_start_id(row_id uuid) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT encode(set_byte(uuid_send(row_id), 15, get_byte(uuid_send(row_id), 15) & 254), 'hex')::uuid
$$;

-- The row that holds the event with this id: itself, or (a START's id) the operation's row.
CREATE FUNCTION event_row_ids(event_id uuid) RETURNS uuid[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ARRAY[event_id, encode(set_byte(uuid_send(event_id), 15, get_byte(uuid_send(event_id), 15) | 1), 'hex')::uuid]
$$;

-- TENANT_RETRIEVE_SUCCESS -> TENANT_RETRIEVE: what the type index keys on, so that one index range holds an
-- operation's START, SUCCESS and FAIL events alike.
CREATE FUNCTION event_operation(type text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT left(type, length(type) - strpos(reverse(type), '_'))
$$;

-- A row's events, oldest first. Inlined by the planner wherever it is used.
CREATE FUNCTION event_parts(row_id uuid, row_type text, row_started_at timestamptz, row_occurred_at timestamptz,
                            row_error_code text, row_payload jsonb)
    RETURNS TABLE (id uuid, part smallint, type text, occurred_at timestamptz, error_code text, payload jsonb)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT event_start_id(row_id), 0::smallint, event_operation(row_type) || '_START', row_started_at, NULL::text,
           CASE WHEN row_type LIKE '%\_FAIL' THEN row_payload - 'status' ELSE row_payload END
     WHERE row_started_at IS NOT NULL
    UNION ALL
    SELECT row_id, 1::smallint, row_type, row_occurred_at, row_error_code, row_payload
$$;

ALTER TABLE events ADD COLUMN started_at timestamptz;
ALTER TABLE events ADD CONSTRAINT events_operation_check CHECK (
    started_at IS NULL
    OR (occurred_at >= started_at AND occurred_at <= started_at + interval '10 seconds'
        AND (type LIKE '%\_SUCCESS' OR type LIKE '%\_FAIL')));
-- New ids only: rows written before this migration keep theirs.
ALTER TABLE events ADD CONSTRAINT events_id_check CHECK (get_byte(uuid_send(id), 15) & 1 = 1) NOT VALID;

DROP INDEX events_type_newest;
CREATE INDEX events_operation_newest ON events (event_operation(type), id);

-- The trail as events, one per line, for operators with psql and for tests (the API reads the table directly, so
-- that its filters and orders stay index ranges).
CREATE VIEW event_log AS
SELECT p.id, e.tx, e.position, p.part, p.type, p.occurred_at, e.actor, e.tenant_id, e.request_id, p.error_code, p.payload
  FROM events e
 CROSS JOIN LATERAL event_parts(e.id, e.type, e.started_at, e.occurred_at, e.error_code, e.payload) p;
