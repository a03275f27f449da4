-- Categories administered at run time: an optional SLA policy of their own ({accept, resolve} as
-- duration texts, e.g. "8 working_hours"), a version counter, and every version kept. A category is
-- deactivated, never deleted: reports keep referring to it.
ALTER TABLE categories ADD COLUMN sla jsonb;
ALTER TABLE categories ADD COLUMN version integer NOT NULL DEFAULT 1;

CREATE TABLE category_versions (
  code        text NOT NULL REFERENCES categories(code),
  version     integer NOT NULL,
  snapshot    jsonb NOT NULL,                -- the category as saved in this version
  changed_by  text NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (code, version)
);
