-- The W3C traceparent of the request that made a change (its span, while tracing is on), kept with the change's
-- events so that webhook deliveries of those events carry it and join the request's trace. NULL for buffered reads,
-- background work and whenever tracing is off.
ALTER TABLE events ADD COLUMN traceparent text CHECK (length(traceparent) <= 128);
