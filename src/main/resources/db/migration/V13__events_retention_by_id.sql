-- Retention deletes by id, which is drawn from the time (an operation's row: from its START), through the primary
-- key. The BRIN index on occurred_at it used cost every insert a little, and would have stopped narrowing anything
-- once retention's deletes let new rows fill pages among old ones (a BRIN range only ever widens).
DROP INDEX events_occurred;
