-- Open311 GeoReport v2 for partner apps: API keys (only a hash is stored), a per-key request
-- counter per minute shared by every API process, which partner submitted which report, and
-- the updates (comments) partners post on behalf of their reporters.

CREATE TABLE partner_api_keys (
  id                    uuid PRIMARY KEY,
  -- the partner app the key belongs to; several keys per partner allow rotation
  partner               text NOT NULL,
  label                 text NOT NULL DEFAULT '',
  -- first characters of the key, shown in listings so that an admin can recognise it
  key_prefix            text NOT NULL,
  -- sha256 (hex) of the whole key; the key itself is shown once at issue and never stored
  key_hash              text NOT NULL UNIQUE,
  rate_limit_per_minute integer NOT NULL DEFAULT 60 CHECK (rate_limit_per_minute > 0),
  created_at            timestamptz NOT NULL DEFAULT now(),
  created_by            text NOT NULL,
  revoked_at            timestamptz,
  revoked_by            text,
  last_used_at          timestamptz
);
CREATE INDEX partner_api_keys_partner_idx ON partner_api_keys (partner);

-- One row per key per minute: INSERT ... ON CONFLICT DO UPDATE count = count + 1.
CREATE TABLE partner_rate_windows (
  key_id        uuid NOT NULL REFERENCES partner_api_keys(id),
  window_start  timestamptz NOT NULL,
  count         integer NOT NULL,
  PRIMARY KEY (key_id, window_start)
);

-- Reports that arrived through Open311, and through which partner (for updates and audit).
CREATE TABLE open311_submissions (
  report_id     uuid PRIMARY KEY REFERENCES reports(id),
  key_id        uuid NOT NULL REFERENCES partner_api_keys(id),
  partner       text NOT NULL,
  device_id     text,
  account_id    text,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Updates posted by a partner for its reporter (mySociety's POST servicerequestupdates).
-- external_id (the partner's update id) makes a retried POST land once.
CREATE TABLE open311_comments (
  id            bigserial PRIMARY KEY,
  report_id     uuid NOT NULL REFERENCES reports(id),
  key_id        uuid NOT NULL REFERENCES partner_api_keys(id),
  partner       text NOT NULL,
  at            timestamptz NOT NULL DEFAULT now(),
  description   text NOT NULL,
  media_url     text,
  external_id   text,
  UNIQUE (partner, external_id)
);
CREATE INDEX open311_comments_at_idx ON open311_comments (at);
CREATE INDEX open311_comments_report_idx ON open311_comments (report_id);

-- GET servicerequestupdates reads the timeline by time window.
CREATE INDEX report_events_at_idx ON report_events (at);
