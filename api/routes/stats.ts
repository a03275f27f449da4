// Statistics for leaders: the figures of domain/statistics.ts over a period, per unit, ward or
// category, for the caller's scope or a unit within it.
import { aggregateStats, findUnitDuring, scopeUnitCodes, type Period, type ScopeUnit } from '../../db/stats';
import { overseerRoles, type StaffActor } from '../../domain/roles';
import { statsRows, statsScopePath, totals } from '../../domain/statistics';
import type { AppDeps } from '../deps';
import { invalidReference, outsideScope } from '../errors';
import { statsQuery, statsReply } from '../leadershipSchemas';
import { queryPeriod } from '../period';
import type { RouteTable } from '../routeTable';

/** The unit whose subtree the reader asks about (default: their own scope), refused outside their scope. */
export async function readerScope(
  deps: AppDeps,
  staff: StaffActor,
  unitCode: string | undefined,
  period: Period,
): Promise<ScopeUnit> {
  const scopePath = statsScopePath(staff);
  const code = unitCode ?? (scopePath.split('/').filter(Boolean).pop() as string);
  const unit = await findUnitDuring(deps.pool, code, period);
  if (!unit)
    throw invalidReference([{ field: 'unitCode', message: 'unknown unit' }], `unknown unit "${code}" for that period`);
  if (!unit.path.startsWith(scopePath)) throw outsideScope(`unit "${code}" is outside your scope`, 'unitCode');
  return unit;
}

export function addStatsRoutes(table: RouteTable, deps: AppDeps): void {
  table.add({
    method: 'get',
    path: '/api/v1/stats',
    tag: 'statistics',
    access: overseerRoles,
    query: statsQuery,
    summary:
      "Received, resolved (on time / late), open and overdue reports over a period (local dates, both ends inclusive), per unit, ward or category of the caller's scope, on the unit or the locality basis",
    responses: {
      200: { description: 'figures', schema: statsReply },
      400: { description: 'invalid query' },
      401: { description: 'no token' },
      403: { description: 'outside your scope' },
      422: { description: 'unknown unit, or "from" after "to"' },
    },
    async handle({ query, staff }) {
      const asOf = new Date();
      const period = queryPeriod(query, 7, asOf.getTime());
      const scope = await readerScope(deps, staff, query.unitCode, period);
      const groups = await aggregateStats(deps.pool, {
        ...period,
        asOf,
        unitCodes: await scopeUnitCodes(deps.pool, scope, period),
        groupBy: query.groupBy,
        basis: query.basis,
      });
      return {
        status: 200,
        body: {
          scope: { unitCode: scope.code, name: scope.name_vi },
          from: period.from.toISOString(),
          to: period.to.toISOString(),
          asOf: asOf.toISOString(),
          groupBy: query.groupBy,
          basis: query.basis,
          totals: totals(groups),
          rows: statsRows(groups),
        },
      };
    },
  });
}
