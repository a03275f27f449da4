-- Core schema: reference data (units, categories, calendar, rule sets, staff) and the report
-- read model written by activities. Temporal owns each report's process; these tables are
-- what screens and statistics read.

CREATE TABLE units (
  code          text PRIMARY KEY,
  name_vi       text NOT NULL,
  name_en       text NOT NULL,
  -- city | department | ward | commune | special_zone | utility | coordinator
  type          text NOT NULL,
  parent_code   text REFERENCES units(code),
  -- Materialised path of codes from the root, '/HCM/SXD/', so a scope is a prefix match.
  path          text NOT NULL,
  head_name     text,
  head_phone    text,            -- E.164
  head_email    text,
  valid_from    date NOT NULL DEFAULT '2025-07-01',
  valid_to      date,            -- exclusive; null = still valid
  successor_code text REFERENCES units(code), -- merged into / renamed to
  source        text              -- where the record comes from (law, decision)
);
CREATE INDEX units_path_idx ON units (path text_pattern_ops);
CREATE INDEX units_type_idx ON units (type);

CREATE TABLE categories (
  code          text PRIMARY KEY,
  name_vi       text NOT NULL,
  name_en       text NOT NULL,
  description_vi text NOT NULL DEFAULT '',
  description_en text NOT NULL DEFAULT '',
  -- complaints and denunciations follow other laws: refused with guidance, not routed
  kind          text NOT NULL DEFAULT 'feedback' CHECK (kind IN ('feedback', 'complaint')),
  active        boolean NOT NULL DEFAULT true
);

-- Exceptions to the Monday–Friday week: holidays on weekdays and make-up working weekend days.
CREATE TABLE calendar_days (
  day           date PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name          text NOT NULL
);

-- Routing rules, versioned: a report records the version that decided it.
CREATE TABLE rule_sets (
  version       integer PRIMARY KEY,
  rules         jsonb NOT NULL,
  note          text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL DEFAULT now(),
  active        boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX rule_sets_one_active ON rule_sets (active) WHERE active;

CREATE TABLE staff (
  id            text PRIMARY KEY,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('operator','coordinator','unit_staff','unit_head','leader','admin')),
  unit_code     text NOT NULL REFERENCES units(code),
  phone         text,
  email         text
);

CREATE SEQUENCE report_code_seq;

CREATE TABLE reports (
  id                uuid PRIMARY KEY,
  code              text NOT NULL UNIQUE,
  idempotency_key   text UNIQUE,
  status            text NOT NULL DEFAULT 'received'
                    CHECK (status IN ('received','triage','assigned','in_progress','resolved','closed','withdrawn','rejected')),
  category_code     text NOT NULL REFERENCES categories(code),
  title             text,
  description       text NOT NULL,
  ward_code         text REFERENCES units(code),
  address           text,
  lat               double precision,
  lng               double precision,
  reporter_name     text,
  reporter_phone    text,
  reporter_email    text,
  reporter_type     text NOT NULL DEFAULT 'citizen',
  anonymous         boolean NOT NULL DEFAULT false,
  channel           text NOT NULL DEFAULT 'web',
  media             jsonb NOT NULL DEFAULT '[]',
  submitted_at      timestamptz NOT NULL DEFAULT now(),
  workflow_started_at timestamptz,
  -- process state, written only by the report workflow's activities
  unit_code         text REFERENCES units(code),
  priority          text NOT NULL DEFAULT 'normal',
  rule_version      integer,
  accept_deadline_at timestamptz,
  deadline_at       timestamptz,
  accepted_at       timestamptz,
  resolved_at       timestamptz,
  resolved_on_time  boolean,
  overdue           boolean NOT NULL DEFAULT false,
  escalation_level  integer NOT NULL DEFAULT 0,
  reopen_count      integer NOT NULL DEFAULT 0,
  extension_pending boolean NOT NULL DEFAULT false,
  result            text,
  rating            integer,
  rating_comment    text,
  closed_at         timestamptz,
  last_seq          integer NOT NULL DEFAULT 0,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reports_unit_status_idx ON reports (unit_code, status);
CREATE INDEX reports_submitted_idx ON reports (submitted_at);
CREATE INDEX reports_not_started_idx ON reports (submitted_at) WHERE workflow_started_at IS NULL;
CREATE INDEX reports_status_idx ON reports (status);

-- The timeline: one row per workflow step, keyed by the workflow's own sequence number so a
-- retried activity never writes it twice.
CREATE TABLE report_events (
  report_id   uuid NOT NULL REFERENCES reports(id),
  seq         integer NOT NULL,
  at          timestamptz NOT NULL,
  type        text NOT NULL,
  actor_id    text,
  actor_role  text,
  actor_unit  text,
  details     jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (report_id, seq)
);

-- One row per notification intent. dedupe_key makes "send once per intent" a constraint.
CREATE TABLE outbox (
  id            bigserial PRIMARY KEY,
  dedupe_key    text NOT NULL UNIQUE,
  channel       text NOT NULL CHECK (channel IN ('sms', 'email')),
  recipient     text NOT NULL,
  template      text NOT NULL,
  subject       text,
  body          text NOT NULL,
  html          text,
  report_id     uuid REFERENCES reports(id),
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sending','sent','delivered','failed')),
  provider      text,
  provider_message_id text,
  attempts      integer NOT NULL DEFAULT 0,
  last_error    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  sent_at       timestamptz,
  delivered_at  timestamptz
);
CREATE INDEX outbox_status_idx ON outbox (status);
CREATE INDEX outbox_report_idx ON outbox (report_id);
-- delivery receipts find their message by the provider's id
CREATE INDEX outbox_provider_message_idx ON outbox (provider, provider_message_id);
