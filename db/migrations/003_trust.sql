-- Trust: the staff audit trail, the shared rate-limit counters, and the indexes behind the public
-- transparency list and league table.

-- One row per staff action (every non-GET staff request, and reads that return personal data),
-- written before the action runs and completed with its outcome.
CREATE TABLE audit_log (
  id              bigserial PRIMARY KEY,
  at              timestamptz NOT NULL DEFAULT now(),
  actor_id        text NOT NULL,
  actor_role      text NOT NULL,
  actor_unit      text NOT NULL,
  -- the actor's unit path at the time, so an admin's query is scoped by prefix
  actor_unit_path text NOT NULL,
  -- the route as declared: 'POST /api/v1/tasks/:code/accept'
  action          text NOT NULL,
  -- the route's path parameters ('PA26-000012'), null for collection routes
  target          text,
  method          text NOT NULL,
  path            text NOT NULL,
  -- HTTP status of the outcome; null while the action runs (or if the process died meanwhile)
  status          integer,
  source_ip       text,
  request_id      text,
  finished_at     timestamptz
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC);
CREATE INDEX audit_log_target_idx ON audit_log (target, at DESC);
CREATE INDEX audit_log_unit_path_idx ON audit_log (actor_unit_path text_pattern_ops, at DESC);

-- Fixed-window counters shared by every API process: one row per (bucket, window).
-- 'submit:ip:203.0.113.7', 'rating:phone:+84912345678'. Expired rows are pruned as new windows open.
CREATE TABLE rate_limit_counters (
  bucket        text NOT NULL,
  window_start  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  hits          integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_limit_counters_expires_idx ON rate_limit_counters (expires_at);

-- Public list filters ordered by submission time; the league table reads by period.
CREATE INDEX IF NOT EXISTS reports_ward_submitted_idx ON reports (ward_code, submitted_at);
CREATE INDEX IF NOT EXISTS reports_category_submitted_idx ON reports (category_code, submitted_at);
CREATE INDEX IF NOT EXISTS reports_unit_submitted_idx ON reports (unit_code, submitted_at);
