-- Leadership: who receives the Friday summary, leaders' directives and their progress per target,
-- and the indexes that keep weekly statistics cheap on millions of reports.

-- Statistics read a period by submission time (reports_submitted_idx, in 001) and by resolution
-- time; the two index scans are OR-ed into one bitmap, so a week costs what the week holds.
CREATE INDEX reports_resolved_idx ON reports (resolved_at) WHERE resolved_at IS NOT NULL;
-- Directive targets: open reports of a unit, optionally by ward / category.
CREATE INDEX reports_open_unit_idx ON reports (unit_code, ward_code, category_code)
  WHERE status IN ('assigned', 'in_progress');

-- People who receive the weekly summary of their scope (a unit and its subtree) by SMS and e-mail.
CREATE TABLE summary_recipients (
  id              text PRIMARY KEY,
  name            text NOT NULL,
  phone           text,            -- E.164
  email           text,
  scope_unit_code text NOT NULL REFERENCES units(code),
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (phone IS NOT NULL OR email IS NOT NULL)
);

-- A leader's directive ("chỉ đạo"), written by its workflow (directive-<id>).
CREATE TABLE directives (
  id               uuid PRIMARY KEY,
  leader_id        text NOT NULL,
  leader_unit_code text NOT NULL REFERENCES units(code),
  -- what the leader asked for: {reportCode} or {unitCode?, wardCode?, categoryCode?, overdueOnly?}
  target           jsonb NOT NULL,
  instruction      text NOT NULL,
  issued_at        timestamptz NOT NULL,
  due_at           timestamptz NOT NULL,
  -- every targeted report workflow has been signalled
  reached_at       timestamptz,
  -- highest alarm fired after the due time: 1 unit heads, 2+ the issuing leader
  escalation_level integer NOT NULL DEFAULT 0,
  completed_at     timestamptz
);

-- One row per targeted report; done when the report was resolved (or closed, withdrawn).
CREATE TABLE directive_targets (
  directive_id uuid NOT NULL REFERENCES directives(id),
  report_id    uuid NOT NULL REFERENCES reports(id),
  unit_code    text NOT NULL REFERENCES units(code),
  done_at      timestamptz,
  PRIMARY KEY (directive_id, report_id)
);
CREATE INDEX directive_targets_report_idx ON directive_targets (report_id);

-- One row per targeted unit: its acknowledgement.
CREATE TABLE directive_units (
  directive_id     uuid NOT NULL REFERENCES directives(id),
  unit_code        text NOT NULL REFERENCES units(code),
  targets          integer NOT NULL,
  acknowledged_at  timestamptz,
  acknowledged_by  text,
  PRIMARY KEY (directive_id, unit_code)
);
