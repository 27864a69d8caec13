-- Like operations share a row. Reads are buffered and written in batches; a batch often holds many reads that differ
-- only in their request id and times (one client polling one tenant). Such reads now go into one row: its type, actor,
-- tenant, error code and payload are theirs, and three arrays hold each one's request id, START time and outcome time,
-- in START order. Recording a read then costs a share of a row and of its five index entries instead of a whole one.
--
-- The events of such a row, operation k (0-based) of n:
--   START    part 2k,     id = the row's id with its last 16 bits set to 2k,     time = ops_started_at[k+1]
--   outcome  part 2k + 1, id = the row's id with its last 16 bits set to 2k + 1, time = ops_occurred_at[k+1]
-- The row's id is drawn from its first START's time with its last 16 bits 0x0001 (so its first outcome's id is the
-- row's own id, as for a row holding one operation), so a row's event ids follow one another, and no other row's id
-- falls among them: the newest-first list still walks rows by the primary key. started_at and occurred_at hold the
-- earliest START and the latest outcome, and all of a row's operations lie within 10 seconds (events_operation_check),
-- so time filters stay id ranges. A row's request_id is NULL: each operation has its own.

ALTER TABLE events
    ADD COLUMN ops_request_id  text[],
    ADD COLUMN ops_started_at  timestamptz[],
    ADD COLUMN ops_occurred_at timestamptz[];

ALTER TABLE events ADD CONSTRAINT events_ops_check CHECK (
    ops_request_id IS NULL AND ops_started_at IS NULL AND ops_occurred_at IS NULL
    OR (started_at IS NOT NULL AND request_id IS NULL
        AND cardinality(ops_request_id) BETWEEN 2 AND 1000
        AND cardinality(ops_started_at) = cardinality(ops_request_id)
        AND cardinality(ops_occurred_at) = cardinality(ops_request_id)
        AND substr(uuid_send(id), 15, 2) = '\x0001'::bytea));

-- The id of part `part` of the row `row_id` holding like operations.
CREATE FUNCTION event_part_id(row_id uuid, part integer) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT encode(overlay(uuid_send(row_id) PLACING int2send(part::smallint) FROM 15 FOR 2), 'hex')::uuid
$$;

-- The rows that may hold the event with this id: itself, its operation's row, or a row of like operations.
CREATE OR REPLACE FUNCTION event_row_ids(event_id uuid) RETURNS uuid[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ARRAY[event_id, encode(set_byte(uuid_send(event_id), 15, get_byte(uuid_send(event_id), 15) | 1), 'hex')::uuid,
                 event_part_id(event_id, 1)]
$$;

DROP VIEW event_log;
DROP FUNCTION event_parts(uuid, text, timestamptz, timestamptz, text, jsonb);

-- A row's events, oldest first. Inlined by the planner wherever it is used.
CREATE FUNCTION event_parts(row_id uuid, row_type text, row_started_at timestamptz, row_occurred_at timestamptz,
                            row_error_code text, row_payload jsonb, row_request_id text,
                            ops_request_id text[], ops_started_at timestamptz[], ops_occurred_at timestamptz[])
    RETURNS TABLE (id uuid, part smallint, type text, occurred_at timestamptz, error_code text, payload jsonb,
                   request_id text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT event_start_id(row_id), 0::smallint, event_operation(row_type) || '_START', row_started_at, NULL::text,
           CASE WHEN row_type LIKE '%\_FAIL' THEN row_payload - 'status' ELSE row_payload END, row_request_id
     WHERE row_started_at IS NOT NULL AND ops_request_id IS NULL
    UNION ALL
    SELECT row_id, 1::smallint, row_type, row_occurred_at, row_error_code, row_payload, row_request_id
     WHERE ops_request_id IS NULL
    UNION ALL
    SELECT event_part_id(row_id, (2 * (op.k - 1) + half.n)::integer), (2 * (op.k - 1) + half.n)::smallint,
           CASE half.n WHEN 0 THEN event_operation(row_type) || '_START' ELSE row_type END,
           CASE half.n WHEN 0 THEN op.started_at ELSE op.occurred_at END,
           CASE half.n WHEN 0 THEN NULL ELSE row_error_code END,
           CASE WHEN half.n = 0 AND row_type LIKE '%\_FAIL' THEN row_payload - 'status' ELSE row_payload END,
           op.request_id
      FROM unnest(ops_request_id, ops_started_at, ops_occurred_at) WITH ORDINALITY AS op (request_id, started_at, occurred_at, k)
     CROSS JOIN (VALUES (0), (1)) AS half (n)
$$;

CREATE VIEW event_log AS
SELECT p.id, e.tx, e.position, p.part, p.type, p.occurred_at, e.actor, e.tenant_id, p.request_id, p.error_code, p.payload
  FROM events e
 CROSS JOIN LATERAL event_parts(e.id, e.type, e.started_at, e.occurred_at, e.error_code, e.payload, e.request_id,
                                e.ops_request_id, e.ops_started_at, e.ops_occurred_at) p;
