-- Staff sign-in for the pages: a password hash for local accounts (scrypt; null = no local
-- password, e.g. staff who sign in through OpenID Connect), and server-side sessions. A session row
-- is keyed by the SHA-256 of the cookie value, so a copy of the table gives no usable session.
ALTER TABLE staff ADD COLUMN IF NOT EXISTS password_hash text;

CREATE TABLE web_sessions (
  id_hash     text PRIMARY KEY,
  staff_id    text NOT NULL,
  name        text NOT NULL,
  role        text NOT NULL CHECK (role IN ('operator','coordinator','unit_staff','unit_head','leader','admin')),
  unit_code   text NOT NULL REFERENCES units(code),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX web_sessions_expires_idx ON web_sessions (expires_at);
