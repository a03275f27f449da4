-- Reply templates: texts a unit starts its published result from, per category (or for any
-- category), with {{variables}} filled from the report (domain/replyTemplates.ts). Administered
-- like categories: a version counter, every version kept with who saved it, deactivated, never
-- deleted (uses refer to them).
CREATE TABLE reply_templates (
  code           text PRIMARY KEY,
  category_code  text REFERENCES categories(code),   -- null: offered for every category
  title_vi       text NOT NULL,
  title_en       text NOT NULL,
  body_vi        text NOT NULL,
  active         boolean NOT NULL DEFAULT true,
  version        integer NOT NULL DEFAULT 1
);
CREATE INDEX reply_templates_category ON reply_templates (category_code) WHERE active;

CREATE TABLE reply_template_versions (
  code        text NOT NULL REFERENCES reply_templates(code),
  version     integer NOT NULL,
  snapshot    jsonb NOT NULL,                -- the template as saved in this version
  changed_by  text NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (code, version)
);

-- Which template (and which version of it) a result was written from. One row per resolve step of
-- the report's workflow (report_events' seq), so a retried request records it once. Written by
-- the API's use case after the workflow accepted the resolve Update: the workflow's own state
-- and history do not carry it (see docs/web.md).
CREATE TABLE reply_template_uses (
  report_id         uuid NOT NULL REFERENCES reports(id),
  event_seq         integer NOT NULL,
  template_code     text NOT NULL,
  template_version  integer NOT NULL,
  staff_id          text NOT NULL,
  used_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (report_id, event_seq),
  FOREIGN KEY (report_id, event_seq) REFERENCES report_events (report_id, seq),
  FOREIGN KEY (template_code, template_version) REFERENCES reply_template_versions (code, version)
);
