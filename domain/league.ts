// The public league table of units: what each received in a period, how much of what it resolved
// was on time, what missed its deadline, and what reporters thought of it. Ranked by the share
// resolved on time (units that resolved nothing after those that did), then fewer late, then
// busier first.
import { figures, noCounts, type StatsCounts, type StatsFigures } from './statistics';

export interface LeagueCounts extends StatsFigures {
  code: string;
  nameVi: string;
  nameEn: string;
  type: string;
  ratings: number;
}

/** A unit's line in the league: the same figures as GET /api/v1/stats (zeros when it had none). */
export function leagueCounts(
  unit: { code: string; name_vi: string; name_en: string; type: string },
  counts: StatsCounts = noCounts,
): LeagueCounts {
  return {
    code: unit.code,
    nameVi: unit.name_vi,
    nameEn: unit.name_en,
    type: unit.type,
    ...figures(counts),
    ratings: counts.rated,
  };
}

export interface LeagueEntry extends LeagueCounts {
  rank: number;
  /** resolved on time / resolved, in percent with one decimal; null when nothing was resolved */
  onTimePercent: number | null;
  /** resolved late plus still open past the deadline */
  late: number;
}

export function onTimePercent(resolvedOnTime: number, resolved: number): number | null {
  return resolved === 0 ? null : Math.round((1000 * resolvedOnTime) / resolved) / 10;
}

export function rankLeague(rows: readonly LeagueCounts[]): LeagueEntry[] {
  const entries = rows.map((row) => ({
    ...row,
    onTimePercent: onTimePercent(row.resolvedOnTime, row.resolved),
    late: row.resolvedLate + row.openOverdue,
  }));
  entries.sort(
    (a, b) =>
      (b.onTimePercent ?? -1) - (a.onTimePercent ?? -1) ||
      a.late - b.late ||
      b.received - a.received ||
      a.code.localeCompare(b.code),
  );
  return entries.map((entry, index) => ({ rank: index + 1, ...entry }));
}

export const leagueCsvHeader = [
  'level',
  'rank',
  'code',
  'name_vi',
  'name_en',
  'type',
  'received',
  'resolved',
  'resolved_on_time',
  'resolved_late',
  'on_time_percent',
  'open',
  'open_overdue',
  'late',
  'avg_rating',
  'ratings',
] as const;

export function leagueCsvRow(level: 'unit' | 'ward', entry: LeagueEntry) {
  return [
    level,
    entry.rank,
    entry.code,
    entry.nameVi,
    entry.nameEn,
    entry.type,
    entry.received,
    entry.resolved,
    entry.resolvedOnTime,
    entry.resolvedLate,
    entry.onTimePercent,
    entry.open,
    entry.openOverdue,
    entry.late,
    entry.avgRating,
    entry.ratings,
  ];
}
