-- Rule sets become drafts until an admin publishes them: who wrote a version, and when and by whom
-- it was (last) made the active one. A version is never edited once stored; publishing an older
-- version again is the roll-back.
ALTER TABLE rule_sets
  ADD COLUMN created_by   text,
  ADD COLUMN published_at timestamptz,
  ADD COLUMN published_by text;
UPDATE rule_sets SET published_at = created_at WHERE active;
-- The dry-run replays a window of reports by submission time (reports_submitted_idx) and reads each
-- one's first routing decision from its timeline.
CREATE INDEX report_events_decision_idx ON report_events (report_id, seq)
  WHERE type IN ('routed', 'triaged', 'rejected');
