-- The coordinators' queue of extension requests (GET /api/v1/extensions) reads only the few
-- reports waiting for a decision.
CREATE INDEX IF NOT EXISTS reports_extension_pending_idx ON reports (deadline_at) WHERE extension_pending;
