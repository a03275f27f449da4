// The figures a unit is judged by, over a period [from, to) and a scope (a unit and its subtree).
// Definitions, the same for the API, the weekly summary and the bench:
//   received        reports submitted in [from, to)
//   resolved        reports whose result was published in [from, to) (resolved_at), whenever submitted
//   resolvedOnTime  of those resolved, published by their deadline; resolvedLate: after it
//   open            of those received, still open now (received, triage, assigned, in progress)
//   openOverdue     of those open, past their deadline now
//   avgRating       mean citizen rating (1–5) of those resolved that were rated; null when none
// Two bases, offered side by side wherever figures are published (stats, league, weekly SMS):
//   unit      a unit's figures cover every report it handles (while none is assigned, the ward's)
//   locality  a ward's (commune's) figures cover every report located in it, whoever handles it
// The city root's scope holds every report on either basis.
// Pure shaping of the aggregated counts: the SQL lives in db/stats.ts.

export const statsGroupings = ['unit', 'ward', 'category'] as const;
export const statsBases = ['unit', 'locality'] as const;
export type StatsBasis = (typeof statsBases)[number];
export type StatsGrouping = (typeof statsGroupings)[number];

/** Counts of one group as aggregated; ratings as a sum and a count so that totals stay exact. */
export interface StatsCounts {
  received: number;
  resolved: number;
  resolvedOnTime: number;
  resolvedLate: number;
  open: number;
  openOverdue: number;
  rated: number;
  ratingSum: number;
}

/** The published figures: the counts with the average rating in place of its sum and count. */
export interface StatsFigures extends Omit<StatsCounts, 'rated' | 'ratingSum'> {
  avgRating: number | null;
}

/** One group: a unit, a ward or a category code (null: not assigned to a unit yet / no ward). */
export interface StatsRow extends StatsFigures {
  key: string | null;
  name: string | null;
}

export interface GroupCounts extends StatsCounts {
  key: string | null;
  name: string | null;
}

/** The units (or wards) with the most late and overdue items. */
export interface Laggard {
  key: string;
  name: string | null;
  lateOrOverdue: number;
}

export const noCounts: StatsCounts = {
  received: 0,
  resolved: 0,
  resolvedOnTime: 0,
  resolvedLate: 0,
  open: 0,
  openOverdue: 0,
  rated: 0,
  ratingSum: 0,
};

export function figures(counts: StatsCounts): StatsFigures {
  const { rated, ratingSum, ...rest } = counts;
  return { ...rest, avgRating: rated > 0 ? Math.round((ratingSum / rated) * 100) / 100 : null };
}

/** Public rows, in a stable order: most received first, then by key. */
export function statsRows(groups: GroupCounts[]): StatsRow[] {
  return [...groups]
    .sort((a, b) => b.received - a.received || String(a.key ?? '~').localeCompare(String(b.key ?? '~')))
    .map(({ key, name, ...counts }) => ({ key, name, ...figures(counts) }));
}

/** The scope's totals: the sum of its groups. */
export function totals(groups: StatsCounts[]): StatsFigures {
  const sum = groups.reduce<StatsCounts>(
    (acc, g) => ({
      received: acc.received + g.received,
      resolved: acc.resolved + g.resolved,
      resolvedOnTime: acc.resolvedOnTime + g.resolvedOnTime,
      resolvedLate: acc.resolvedLate + g.resolvedLate,
      open: acc.open + g.open,
      openOverdue: acc.openOverdue + g.openOverdue,
      rated: acc.rated + g.rated,
      ratingSum: acc.ratingSum + g.ratingSum,
    }),
    noCounts,
  );
  return figures(sum);
}

/** Groups with at least one late or overdue item, worst first (ties by key), at most `limit`. */
export function laggards(groups: GroupCounts[], limit: number): Laggard[] {
  return groups
    .filter((g): g is GroupCounts & { key: string } => g.key !== null && g.resolvedLate + g.openOverdue > 0)
    .map((g) => ({ key: g.key, name: g.name, lateOrOverdue: g.resolvedLate + g.openOverdue }))
    .sort((a, b) => b.lateOrOverdue - a.lateOrOverdue || a.key.localeCompare(b.key))
    .slice(0, limit);
}

/**
 * The subtree whose figures a reader sees: their unit's. The coordinator desk triages for the whole
 * city, so its staff see the city root's ('/HCM/HCM-TT1022/' → '/HCM/').
 */
export function statsScopePath(reader: { role: string; unitPath: string }): string {
  if (reader.role !== 'coordinator') return reader.unitPath;
  return `/${reader.unitPath.split('/')[1]}/`;
}
