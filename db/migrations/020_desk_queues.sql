-- The coordinator desk's queues: triage is already indexed by status; pending extension requests
-- get a partial index so the desk's queue stays cheap however many reports are open.
CREATE INDEX reports_extension_pending_idx ON reports (submitted_at) WHERE extension_pending;
