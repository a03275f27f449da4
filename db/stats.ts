// Statistics SQL: the counts of domain/statistics.ts for a period and a scope, grouped by unit,
// ward or category, in one pass over the period's reports (submitted or resolved in it: two index
// ranges OR-ed into one bitmap scan), so a week costs the same on 10,000 or 1,000,000 reports.
import type { Db } from './pool';
import { query } from './pool';
import { openStatuses } from '../domain/report';
import { totals, type GroupCounts, type StatsBasis, type StatsGrouping } from '../domain/statistics';
import { isWard } from '../domain/units';
import { composeSummary, type ScopeSummary, type Week } from '../domain/weeklySummary';

export interface ScopeUnit {
  code: string;
  name_vi: string;
  path: string;
  parent_code: string | null;
  type: string;
}

export interface Period {
  from: Date;
  to: Date;
}

// Units are valid over local dates [valid_from, valid_to); the period's local dates decide.
const validDuring = `valid_from <= ($3::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
  AND (valid_to IS NULL OR valid_to > ($2::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`;

/** The unit, if it existed at some time during the period (a ward merged since still has its week). */
export async function findUnitDuring(db: Db, code: string, period: Period): Promise<ScopeUnit | undefined> {
  const [unit] = await query<ScopeUnit>(
    db,
    `SELECT code, name_vi, path, parent_code, type FROM units WHERE code = $1 AND ${validDuring}`,
    [code, period.from, period.to],
  );
  return unit;
}

/** Codes of the units in the scope's subtree valid during the period; null for the city root (every report). */
export async function scopeUnitCodes(db: Db, scope: ScopeUnit, period: Period): Promise<string[] | null> {
  if (scope.parent_code === null) return null;
  const rows = await query<{ code: string }>(
    db,
    `SELECT code FROM units WHERE starts_with(path, $1) AND ${validDuring}`,
    [scope.path, period.from, period.to],
  );
  return rows.map((row) => row.code);
}

const keyColumn: Record<StatsGrouping, string> = {
  unit: 'r.unit_code',
  ward: 'r.ward_code',
  category: 'r.category_code',
};
// Which reports a scope's unit codes select: those the units handle (the ward's while unassigned), or those located there.
const scopeColumn: Record<StatsBasis, string> = { unit: 'coalesce(r.unit_code, r.ward_code)', locality: 'r.ward_code' };

/**
 * Counts per group for the period, restricted to the scope's unit codes (null: no restriction) on
 * the given basis (default: the units handling the reports). `asOf` is "now" for the open and
 * overdue figures.
 */
export async function aggregateStats(
  db: Db,
  input: Period & { asOf: Date; unitCodes: string[] | null; groupBy: StatsGrouping; basis?: StatsBasis },
): Promise<GroupCounts[]> {
  const inPeriod = (column: string) => `(${column} >= $1 AND ${column} < $2)`;
  const received = inPeriod('r.submitted_at');
  const resolved = inPeriod('r.resolved_at');
  const open = `${received} AND r.status = ANY($5)`;
  // Units and wards merged or renamed since: counted under the unit answering for them on the
  // period's last local day, with the name it had then (unit_at / unit_name_at, migration 061).
  const byUnit = input.groupBy !== 'category';
  const lastDay = `(($2::timestamptz - interval '1 millisecond') AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
  const figures = [
    'received',
    'resolved',
    'resolvedOnTime',
    'resolvedLate',
    'open',
    'openOverdue',
    'rated',
    'ratingSum',
  ];
  const lineage = byUnit
    ? `, counts AS (
         SELECT coalesce(unit_at(key, ${lastDay}), key) AS key,
                ${figures.map((figure) => `sum("${figure}")::bigint AS "${figure}"`).join(', ')}
           FROM raw GROUP BY 1)`
    : ', counts AS (SELECT * FROM raw)';
  const name = byUnit ? `unit_name_at(c.key, ${lastDay})` : 'n.name_vi';
  return query<GroupCounts>(
    db,
    `WITH raw AS (
       SELECT ${keyColumn[input.groupBy]} AS key,
              count(*) FILTER (WHERE ${received}) AS received,
              count(*) FILTER (WHERE ${resolved}) AS "resolved",
              count(*) FILTER (WHERE ${resolved} AND r.resolved_on_time IS NOT FALSE) AS "resolvedOnTime",
              count(*) FILTER (WHERE ${resolved} AND r.resolved_on_time = false) AS "resolvedLate",
              count(*) FILTER (WHERE ${open}) AS open,
              count(*) FILTER (WHERE ${open} AND (r.overdue OR r.deadline_at <= $3)) AS "openOverdue",
              count(r.rating) FILTER (WHERE ${resolved}) AS rated,
              coalesce(sum(r.rating) FILTER (WHERE ${resolved}), 0) AS "ratingSum"
         FROM reports r
        WHERE (${received} OR ${resolved})
          AND ($4::text[] IS NULL OR ${scopeColumn[input.basis ?? 'unit']} = ANY($4))
        GROUP BY 1)${lineage}
     SELECT c.*, ${name} AS name FROM counts c${byUnit ? '' : ' LEFT JOIN categories n ON n.code = c.key'}`,
    [input.from, input.to, input.asOf, input.unitCodes, openStatuses],
  );
}

/** The baseline the bench compares with: a plain count of the reports submitted in the period. */
export async function countReceived(db: Db, period: Period): Promise<number> {
  const [row] = await query<{ count: number }>(
    db,
    'SELECT count(*) FROM reports WHERE submitted_at >= $1 AND submitted_at < $2',
    [period.from, period.to],
  );
  return row.count;
}

/** A scope's week, shaped for the summary; undefined when the unit did not exist that week. */
export async function loadScopeSummary(
  db: Db,
  unitCode: string,
  week: Week,
  asOf: Date,
  worstUnits: number,
): Promise<ScopeSummary | undefined> {
  const period = { from: new Date(week.from), to: new Date(week.to) };
  const scope = await findUnitDuring(db, unitCode, period);
  if (!scope) return undefined;
  const unitCodes = await scopeUnitCodes(db, scope, period);
  const groups = await aggregateStats(db, { ...period, asOf, unitCodes, groupBy: 'unit' });
  // A ward's leader answers for the place too: every report located there, whoever handles it.
  const locality =
    scope.parent_code !== null && isWard(scope)
      ? totals(await aggregateStats(db, { ...period, asOf, unitCodes, groupBy: 'ward', basis: 'locality' }))
      : null;
  return composeSummary({ code: scope.code, name: scope.name_vi }, groups, week, worstUnits, locality);
}
