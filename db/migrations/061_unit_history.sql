-- Units with their history: the official administrative code (mã đơn vị hành chính) for CSV
-- import/export, former names (a rename keeps the code; the old name stays visible for past
-- dates), and a lineage function that statistics use to count a merged unit's reports under its
-- successor from the merge date.
ALTER TABLE units ADD COLUMN admin_code text UNIQUE;

CREATE TABLE unit_names (
  code        text NOT NULL REFERENCES units(code),
  name_vi     text NOT NULL,
  name_en     text NOT NULL,
  valid_from  date NOT NULL,
  valid_to    date NOT NULL,                  -- exclusive: the day the next name took effect
  PRIMARY KEY (code, valid_from)
);

-- The unit that answers for `code` on day `at`: the unit itself while it is valid, else its
-- successor (merged into / renamed to) followed along the lineage. Stable for statistics:
-- GROUP BY unit_at(r.unit_code, <the day the figure is about>).
CREATE FUNCTION unit_at(unit_code text, at date) RETURNS text
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE lineage(code, successor_code, valid_to, depth) AS (
    SELECT u.code, u.successor_code, u.valid_to, 0 FROM units u WHERE u.code = unit_code
    UNION ALL
    SELECT s.code, s.successor_code, s.valid_to, l.depth + 1
      FROM lineage l JOIN units s ON s.code = l.successor_code
     WHERE l.valid_to IS NOT NULL AND l.valid_to <= at AND l.depth < 20
  )
  SELECT code FROM lineage ORDER BY depth DESC LIMIT 1
$$;

-- A unit's name on day `at`: a former name when one covered that day, else the current one.
CREATE FUNCTION unit_name_at(unit_code text, at date) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT n.name_vi FROM unit_names n WHERE n.code = unit_code AND n.valid_from <= at AND at < n.valid_to),
    (SELECT u.name_vi FROM units u WHERE u.code = unit_code))
$$;
