// Fills a scratch database with a year of reports in one INSERT ... SELECT generate_series: spread
// over the current wards and units, mostly closed, some resolved late, recent ones still open and
// older open ones overdue, about half rated. Rows are inserted in submission order, as intake
// does. They carry no workflow (workflow_started_at is null), so only statistics read them.
// Deterministic for a given count and end (setseed).
import type pg from 'pg';

export async function fillReports(pool: pg.Pool, count: number, end: Date): Promise<void> {
  const client = await pool.connect();
  try {
    const codes = async (sql: string) => (await client.query<{ code: string }>(sql)).rows.map((row) => row.code);
    const wards = await codes(
      "SELECT code FROM units WHERE type IN ('ward', 'commune', 'special_zone') AND valid_to IS NULL ORDER BY code",
    );
    const services = await codes(
      "SELECT code FROM units WHERE type IN ('department', 'utility') AND valid_to IS NULL ORDER BY code",
    );
    const categories = await codes("SELECT code FROM categories WHERE kind = 'feedback' ORDER BY code");
    await client.query('SELECT setseed(0.42)');
    await client.query(
      `INSERT INTO reports (id, code, status, category_code, description, ward_code, unit_code, submitted_at, deadline_at,
         resolved_at, resolved_on_time, overdue, rating, closed_at)
       SELECT gen_random_uuid(), 'BN-' || lpad(g::text, 8, '0'), status, category, 'bench report', ward, unit, submitted, deadline,
              CASE WHEN done THEN resolved END, CASE WHEN done THEN resolved <= deadline END,
              status IN ('assigned', 'in_progress') AND deadline < $5::timestamptz, CASE WHEN done THEN rating END,
              CASE WHEN status = 'closed' THEN resolved WHEN status = 'withdrawn' THEN submitted END
         FROM (SELECT *, status IN ('resolved', 'closed') AS done FROM (
           SELECT g, ward, category, submitted, deadline,
                  CASE WHEN pick < 0.7 THEN ward ELSE ($3::text[])[1 + floor(random() * cardinality($3::text[]))::int] END AS unit,
                  CASE WHEN fate < (CASE WHEN $5::timestamptz - submitted < interval '20 days' THEN 0.5 ELSE 0.03 END)
                       THEN (ARRAY['assigned', 'in_progress'])[1 + floor(random() * 2)::int]
                       WHEN fate > 0.97 THEN 'withdrawn' WHEN fate > 0.9 THEN 'resolved' ELSE 'closed' END AS status,
                  least(submitted + random() * interval '14 days', $5::timestamptz - interval '1 minute') AS resolved,
                  CASE WHEN random() < 0.5 THEN 1 + floor(random() * 5)::int END AS rating
             FROM (
               SELECT g, submitted, submitted + interval '10 days' AS deadline, random() AS pick, random() AS fate,
                      ($2::text[])[1 + floor(random() * cardinality($2::text[]))::int] AS ward,
                      ($4::text[])[1 + floor(random() * cardinality($4::text[]))::int] AS category
                 FROM (SELECT g, $5::timestamptz - (($1 - g + random()) / $1) * interval '365 days' AS submitted FROM generate_series(1, $1) g) s
             ) r
         ) t) u`,
      [count, wards, services, categories, end],
    );
  } finally {
    client.release();
  }
  await pool.query('VACUUM ANALYZE reports');
}
