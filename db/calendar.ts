// Calendar queries: a year's exceptions as the law computes them (provisional) or as an admin
// entered the government's decision (official), the change log, and the open reports a change reaches.
import type { Db } from './pool';
import { query } from './pool';
import type { CalendarDay, CalendarYear, ChangedDay } from '../domain/calendar';
import { provisionalCalendar } from '../domain/holidayLaw';

interface DayRow {
  date: string;
  kind: 'holiday' | 'workday';
  name_vi: string;
  name_en: string;
  source: string | null;
}

const dayColumns = "to_char(day, 'YYYY-MM-DD') AS date, kind, name AS name_vi, name_en, source";
const toDay = (row: DayRow): CalendarDay => ({
  date: row.date,
  kind: row.kind,
  nameVi: row.name_vi,
  nameEn: row.name_en,
  source: row.source,
});

/** The years an admin made official. */
export async function listOfficialYears(db: Db): Promise<number[]> {
  const rows = await query<{ year: number }>(db, 'SELECT year FROM calendar_years ORDER BY year');
  return rows.map((row) => row.year);
}

/** A year's calendar: the official days when an admin entered them, else the law's provisional ones. */
/** Serialises changes of one year until the transaction ends, so two admins' saves cannot interleave their diffs. */
export async function lockCalendarYear(db: Db, year: number): Promise<void> {
  await query(db, 'SELECT pg_advisory_xact_lock($1, $2)', [calendarLock, year]);
}
const calendarLock = 4_242_060;

export async function findCalendarYear(db: Db, year: number): Promise<CalendarYear> {
  const [official] = await query<{ year: number }>(db, 'SELECT year FROM calendar_years WHERE year = $1', [year]);
  if (!official) return { year, status: 'provisional', days: provisionalCalendar(year) };
  const rows = await query<DayRow>(
    db,
    `SELECT ${dayColumns} FROM calendar_days WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, 1) ORDER BY day`,
    [year],
  );
  return { year, status: 'official', days: rows.map(toDay) };
}

/** Every exception day of the years `from`..`to`, official or provisional: what deadlines count with. */
export async function loadCalendarDaysBetween(db: Db, from: number, to: number): Promise<CalendarDay[]> {
  const official = new Set(await listOfficialYears(db));
  const rows = await query<DayRow>(
    db,
    `SELECT ${dayColumns} FROM calendar_days WHERE day >= make_date($1, 1, 1) AND day < make_date($2 + 1, 1, 1) ORDER BY day`,
    [from, to],
  );
  const days = rows.map(toDay).filter((day) => official.has(Number(day.date.slice(0, 4))));
  for (let year = from; year <= to; year++) if (!official.has(year)) days.push(...provisionalCalendar(year));
  return days;
}

/** Replaces a year's days with the government's decision and marks the year official (in the caller's transaction). */
export async function saveOfficialYear(
  db: Db,
  input: { year: number; days: CalendarDay[]; source: string | null; by: string },
): Promise<void> {
  await query(db, 'DELETE FROM calendar_days WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, 1)', [
    input.year,
  ]);
  for (const day of input.days) {
    await query(db, 'INSERT INTO calendar_days (day, kind, name, name_en, source) VALUES ($1, $2, $3, $4, $5)', [
      day.date,
      day.kind,
      day.nameVi,
      day.nameEn,
      day.source ?? input.source,
    ]);
  }
  await query(
    db,
    `INSERT INTO calendar_years (year, source, decided_by) VALUES ($1, $2, $3)
     ON CONFLICT (year) DO UPDATE SET source = $2, decided_by = $3, decided_at = now()`,
    [input.year, input.source, input.by],
  );
}

export async function recordCalendarChange(
  db: Db,
  input: { year: number; by: string; changed: ChangedDay[] },
): Promise<number> {
  const [row] = await query<{ id: number }>(
    db,
    'INSERT INTO calendar_changes (year, changed_by, changed_days) VALUES ($1, $2, $3) RETURNING id',
    [input.year, input.by, JSON.stringify(input.changed)],
  );
  return row.id;
}

/** Open reports whose deadline is still ahead and after `fromMs`: a change from that instant on can move them. */
export async function findOpenReportsDueAfter(db: Db, fromMs: number): Promise<string[]> {
  const rows = await query<{ id: string }>(
    db,
    `SELECT id FROM reports WHERE status IN ('assigned', 'in_progress') AND deadline_at > greatest($1, now()) ORDER BY id`,
    [new Date(fromMs)],
  );
  return rows.map((row) => row.id);
}

/** Whether a recorded calendar change is committed (visible to other connections). */
export async function calendarChangeCommitted(db: Db, changeId: string): Promise<boolean> {
  const rows = await query(db, 'SELECT 1 FROM calendar_changes WHERE id = $1', [changeId]);
  return rows.length > 0;
}

/** Active admins of the city's root unit, who are told when next year's calendar is still provisional. */
export async function listCityAdminContacts(
  db: Db,
): Promise<{ id: string; phone: string | null; email: string | null }[]> {
  return query(
    db,
    `SELECT s.id, s.phone, s.email FROM staff s JOIN units u ON u.code = s.unit_code
      WHERE s.role = 'admin' AND s.active AND u.parent_code IS NULL ORDER BY s.id`,
  );
}
