// Public transparency: the list of reports as anyone may see them (no personal data; free text
// masked) and the league table of units and wards over a period, as JSON or CSV.
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { listLeagueUnits, listPublicReports } from '../../db/transparency';
import { aggregateStats } from '../../db/stats';
import { toCsv } from '../../domain/csv';
import { leagueCounts, leagueCsvHeader, leagueCsvRow, rankLeague, type LeagueEntry } from '../../domain/league';
import { periodDays } from '../../domain/period';
import { reportStatuses } from '../../domain/report';
import type { AppDeps } from '../deps';
import { periodTooLong } from '../errors';
import { periodBound, periodRule, queryPeriod } from '../period';
import type { RouteTable } from '../routeTable';
import { code, publicReportHead } from '../schemas';
import { publicSummaryView } from '../views';
import { handlingUnitTypes, wardTypes } from '../../domain/units';

const maxOffset = 10_000;
const maxLeagueDays = 400;
/** The league reads a whole period: computed once a minute per period, and cacheable as long by proxies. */
const leagueTtlMs = 60_000;

const publicListQuery = z
  .object({
    wardCode: code.optional(),
    unitCode: code.optional(),
    categoryCode: code.optional(),
    status: z.enum(reportStatuses).optional(),
    from: periodBound('from').optional(),
    to: periodBound('to').optional(),
    // Pages end after maxOffset reports: narrow the period or the filters.
    page: z.coerce
      .number()
      .int()
      .min(1)
      .max(maxOffset / 100)
      .default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

const publicSummary = publicReportHead
  .extend({
    description: z.string().openapi({ description: 'contacts and the reporter’s name masked; at most 500 characters' }),
    timeliness: z.enum(['on_time', 'late', 'pending', 'overdue']).nullable(),
  })
  .openapi('PublicReportSummary');

const publicList = z
  .object({ items: z.array(publicSummary), page: z.number(), pageSize: z.number(), hasMore: z.boolean() })
  .openapi('PublicReportList');

const leagueQuery = z
  .object({
    from: periodBound('from').optional(),
    to: periodBound('to').optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();

const leagueEntry = z
  .object({
    rank: z.number(),
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    type: z.string(),
    received: z.number(),
    resolved: z.number(),
    resolvedOnTime: z.number(),
    resolvedLate: z.number(),
    onTimePercent: z.number().nullable(),
    open: z.number(),
    openOverdue: z.number(),
    late: z.number(),
    avgRating: z.number().nullable(),
    ratings: z.number(),
  })
  .openapi('LeagueEntry');

const bases = z.object({ units: z.literal('unit'), wards: z.literal('locality') }).openapi({
  description:
    "which reports each list counts: 'unit' — every report the unit handles; 'locality' — every report located in the ward, whoever handles it",
});

const league = z
  .object({
    from: z.string(),
    to: z.string(),
    basis: bases,
    units: z.array(leagueEntry),
    wards: z.array(leagueEntry),
  })
  .openapi('UnitLeague', { description: `The period: ${periodRule}` });

interface League {
  from: string;
  to: string;
  basis: { units: 'unit'; wards: 'locality' };
  units: LeagueEntry[];
  wards: LeagueEntry[];
}

export function addTransparencyRoutes(table: RouteTable, deps: AppDeps): void {
  table.add({
    method: 'get',
    path: '/api/v1/public/reports',
    tag: 'transparency',
    access: 'public',
    summary: 'Published reports, newest first: result, unit, deadline, on time or late, rating — never personal data',
    query: publicListQuery,
    responses: {
      200: { description: 'one page of reports', schema: publicList },
      422: { description: '"from" after "to"' },
    },
    async handle({ query }) {
      // Either bound may be left open; when both are given they must be in order.
      const bounded = query.from !== undefined || query.to !== undefined ? queryPeriod(query, 36_500) : undefined;
      const rows = await listPublicReports(deps.pool, {
        wardCode: query.wardCode,
        unitCode: query.unitCode,
        categoryCode: query.categoryCode,
        status: query.status,
        from: query.from === undefined ? undefined : bounded?.from,
        to: query.to === undefined ? undefined : bounded?.to,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      const items = rows.slice(0, query.pageSize).map(publicSummaryView);
      return {
        status: 200,
        body: { items, page: query.page, pageSize: query.pageSize, hasMore: rows.length > query.pageSize },
      };
    },
  });

  const computeLeague = async (from: Date, to: Date): Promise<League> => {
    // The same aggregation as GET /api/v1/stats, so the public league and the official figures agree.
    const period = { from, to, asOf: new Date(), unitCodes: null };
    const [units, byUnit, byWard] = await Promise.all([
      listLeagueUnits(deps.pool),
      aggregateStats(deps.pool, { ...period, groupBy: 'unit', basis: 'unit' }),
      aggregateStats(deps.pool, { ...period, groupBy: 'ward', basis: 'locality' }),
    ]);
    const level = (types: readonly string[], groups: typeof byUnit) =>
      rankLeague(
        units
          .filter((unit) => types.includes(unit.type))
          .map((unit) =>
            leagueCounts(
              unit,
              groups.find((group) => group.key === unit.code),
            ),
          ),
      );
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      basis: { units: 'unit', wards: 'locality' },
      units: level(handlingUnitTypes, byUnit),
      wards: level(wardTypes, byWard),
    };
  };
  // Stale while revalidating: once a period's league is computed no reader waits for it again; an
  // expired one is served while a single refresh runs. Concurrent first readers share one
  // computation, and a failed one is not kept.
  const leagues = new LRUCache<string, League, { from: Date; to: Date }>({
    max: 200,
    ttl: leagueTtlMs,
    allowStale: true,
    fetchMethod: (_key, _stale, { context }) => computeLeague(context.from, context.to),
  });
  const cachedLeague = async (from: Date, to: Date): Promise<League> =>
    (await leagues.fetch(`${from.getTime()}-${to.getTime()}`, { context: { from, to } })) as League;

  const caching = { 'Cache-Control': `public, max-age=${leagueTtlMs / 1000}` };
  const leagueOf = (query: z.infer<typeof leagueQuery>) => {
    const period = queryPeriod(query, 30);
    if (periodDays(period) > maxLeagueDays) throw periodTooLong(maxLeagueDays);
    return cachedLeague(period.from, period.to);
  };
  const leagueJson = async (query: z.infer<typeof leagueQuery>) => ({
    status: 200,
    body: await leagueOf(query),
    headers: caching,
  });
  const leagueCsv = async (query: z.infer<typeof leagueQuery>) => {
    const body = await leagueOf(query);
    const csv = toCsv(leagueCsvHeader, [
      ...body.units.map((entry) => leagueCsvRow('unit', entry)),
      ...body.wards.map((entry) => leagueCsvRow('ward', entry)),
    ]);
    const name = `pakn-league-${body.from.slice(0, 10)}-${body.to.slice(0, 10)}.csv`;
    return {
      status: 200,
      body: csv,
      contentType: 'text/csv; charset=utf-8',
      headers: { ...caching, 'Content-Disposition': `attachment; filename="${name}"` },
    };
  };

  const leagueResponses = {
    422: { description: '"from" after "to", or a period longer than 400 days' },
    200: {
      description: 'the league of handling units and of wards',
      schema: league,
      alternatives: { 'text/csv': z.string().openapi({ description: `columns: ${leagueCsvHeader.join(', ')}` }) },
    },
  };

  table.add({
    method: 'get',
    path: '/api/v1/public/units/league',
    tag: 'transparency',
    access: 'public',
    summary:
      'League table per unit and per ward over a period (default: the last 30 days): received, on-time %, late, average rating; ?format=csv for CSV',
    query: leagueQuery,
    responses: leagueResponses,
    handle: ({ query }) => (query.format === 'csv' ? leagueCsv(query) : leagueJson(query)),
  });

  table.add({
    method: 'get',
    path: '/api/v1/public/units/league.csv',
    tag: 'transparency',
    access: 'public',
    summary: 'The league table as CSV (UTF-8 with BOM, one row per unit then per ward)',
    query: leagueQuery,
    responses: { ...leagueResponses, 200: { description: 'CSV', schema: z.string(), mediaType: 'text/csv' } },
    handle: ({ query }) => leagueCsv(query),
  });
}
