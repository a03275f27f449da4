-- Staff sign-in through an OpenID Connect provider. A sign-in in progress is a row keyed by the
-- SHA-256 of a random value held in a short-lived HttpOnly cookie: the browser that started it is
-- the only one that can finish it (no login CSRF), and taking the row deletes it (one use). It
-- keeps the state, the nonce and the PKCE verifier server-side, and the page to return to.
CREATE TABLE oidc_sign_ins (
  id_hash        text PRIMARY KEY,
  state          text NOT NULL,
  nonce          text NOT NULL,
  code_verifier  text NOT NULL,
  next_path      text,
  expires_at     timestamptz NOT NULL
);
CREATE INDEX oidc_sign_ins_expires_idx ON oidc_sign_ins (expires_at);

-- A session opened through the provider keeps its ID token, the hint of the provider's logout.
ALTER TABLE web_sessions ADD COLUMN id_token text;
