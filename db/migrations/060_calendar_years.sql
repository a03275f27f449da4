-- The working-time calendar by year. A year without a row here is "provisional": computed from the
-- Labour Code (domain/holidayLaw.ts). An admin entering the government's decision makes it
-- "official"; its exceptions are then the calendar_days rows of that year.
ALTER TABLE calendar_days ADD COLUMN name_en text NOT NULL DEFAULT '';
ALTER TABLE calendar_days ADD COLUMN source text;

CREATE TABLE calendar_years (
  year        integer PRIMARY KEY,
  status      text NOT NULL DEFAULT 'official' CHECK (status IN ('official')),
  source      text,                          -- the government's decision, as the admin cites it
  decided_by  text NOT NULL,                 -- staff id, or 'seed'
  decided_at  timestamptz NOT NULL DEFAULT now()
);
-- Years already loaded before this migration (the 2026 seed) are official.
INSERT INTO calendar_years (year, decided_by)
  SELECT DISTINCT extract(year FROM day)::integer, 'seed' FROM calendar_days
  ON CONFLICT (year) DO NOTHING;

-- Each change of a year's calendar, with the days whose working status changed: the id names the
-- workflow that moves open deadlines, so each change reaches each report once.
CREATE TABLE calendar_changes (
  id          bigserial PRIMARY KEY,
  year        integer NOT NULL,
  changed_by  text NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  changed_days jsonb NOT NULL                -- [{date, wasWorking, isWorking}]
);
