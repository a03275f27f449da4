// Leaders: the dashboard of their scope over a chosen period (figures per unit and per locality,
// a weekly trend, the worst units, the league, the weekly SMS preview), and directives: target,
// the count of reports it will reach before sending, then its progress per unit. All through the
// API's routes with the session's actor. A dashboard view reads the period's reports eleven times
// over (two groupings, eight trend weeks, the SMS preview's week): its figures are computed once
// a minute per scope and period (dashboardTtlMs, like the league's cache) and shared by every
// reader of that scope, so leaders refreshing the page do not each pay for the aggregation.
import type { Request, Response, Router } from 'express';
import { LRUCache } from 'lru-cache';
import type { RouteTable } from '../api/routeTable';
import type { StaffActor } from '../domain/roles';
import { statsScopePath, type StatsFigures } from '../domain/statistics';
import { localDate } from '../domain/workingTime';
import { formValues, toBody, type FormValues } from './forms';
import type { Translate } from './i18n';
import { render, withFormErrors, type FormError } from './page';
import { requireStaff } from './session';
import { endOfLocalDay } from './staff';

const readers = ['leader', 'admin', 'coordinator'] as const;
const DAY = 86_400_000;
const trendWeeks = 8;
/** How long a scope's dashboard figures are reused: the open and overdue counts may lag by this much. */
const dashboardTtlMs = 60_000;
const dashboardCacheSize = 200;

interface Stats {
  scope: { unitCode: string; name: string };
  totals: StatsFigures;
  rows: (StatsFigures & { key: string | null; name: string | null })[];
}

type Reply = Awaited<ReturnType<RouteTable['call']>>;
/** The unit and ward groupings, the weekly trend, the league and the SMS preview of one view. */
type DashboardFigures = [Stats, Stats, (StatsFigures & { week: string })[], Reply, Reply];

const isDay = (text: unknown): text is string => typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text);

export function addLeaderPages(router: Router, table: RouteTable): void {
  const call = (req: Request, res: Response, staff: StaffActor, method: 'get' | 'post', path: string, input = {}) =>
    table.call(method, path, { staff, req, res, ...input });
  const stats = async (req: Request, res: Response, staff: StaffActor, query: Record<string, string>) =>
    (await call(req, res, staff, 'get', '/api/v1/stats', { query })).body as Stats;

  /**
   * One computation per key every dashboardTtlMs, shared by concurrent views; a failure is not kept.
   * Not served stale: a view's own request computes its figures (the route calls run as its reader).
   */
  const dashboards = new LRUCache<string, DashboardFigures, () => Promise<DashboardFigures>>({
    max: dashboardCacheSize,
    ttl: dashboardTtlMs,
    fetchMethod: (_key, _stale, { context: load }) => load(),
  });
  const cachedFigures = async (key: string, load: () => Promise<DashboardFigures>) =>
    (await dashboards.fetch(key, { context: load })) as DashboardFigures;

  router.get('/dashboard', async (req, res) => {
    const staff = requireStaff(res, readers);
    const today = localDate(Date.now());
    const to = isDay(req.query.to) ? req.query.to : today;
    const from = isDay(req.query.from) ? req.query.from : localDate(Date.parse(`${to}T00:00:00+07:00`) - 6 * DAY);
    // The API's period is [from, to): the chosen last day counts whole.
    const period = { from, to: localDate(Date.parse(`${to}T00:00:00+07:00`) + DAY) };
    const weekEnds = Array.from(
      { length: trendWeeks },
      (_, i) => Date.parse(`${period.to}T00:00:00+07:00`) - i * 7 * DAY,
    ).reverse();
    const [byUnit, byWard, trend, league, preview] = await cachedFigures(
      `${staff.role} ${statsScopePath(staff)} ${period.from} ${period.to}`,
      () =>
        Promise.all([
          stats(req, res, staff, { ...period, groupBy: 'unit' }),
          stats(req, res, staff, { ...period, groupBy: 'ward' }),
          Promise.all(
            weekEnds.map(async (end) => ({
              week: localDate(end - 7 * DAY),
              ...(await stats(req, res, staff, { from: localDate(end - 7 * DAY), to: localDate(end), groupBy: 'unit' }))
                .totals,
            })),
          ),
          table.call('get', '/api/v1/public/units/league', { staff: null, req, res, query: period }),
          call(req, res, staff, 'get', '/api/v1/summaries/preview'),
        ]),
    );
    const lateness = (row: StatsFigures) => row.openOverdue + row.resolvedLate;
    render(res, 'leader/dashboard.njk', {
      period: { from, to },
      scope: byUnit.scope,
      totals: byUnit.totals,
      units: byUnit.rows,
      wards: byWard.rows,
      worst: [...byUnit.rows]
        .filter((row) => lateness(row) > 0)
        .sort((a, b) => lateness(b) - lateness(a))
        .slice(0, 5),
      trend,
      trendJson: JSON.stringify({
        weeks: trend.map((week) => week.week),
        received: trend.map((week) => week.received),
        resolved: trend.map((week) => week.resolved),
        labels: [(res.locals.t as Translate)('dash.received'), (res.locals.t as Translate)('dash.resolved')],
      }),
      league: (
        (
          league.body as {
            units: {
              rank: number;
              code: string;
              nameVi: string;
              nameEn: string;
              onTimePercent: number | null;
              received: number;
            }[];
          }
        ).units ?? []
      ).slice(0, 10),
      preview: preview.body,
      canDirect: staff.role === 'leader',
    });
  });

  async function showDirectiveForm(
    req: Request,
    res: Response,
    values: FormValues,
    errors: FormError[],
    extra = {},
    status = 200,
  ) {
    requireStaff(res, ['leader']);
    const en = res.locals.lang === 'en';
    const [categories, wards] = await Promise.all([
      table.call('get', '/api/v1/categories', { staff: null, req, res }),
      table.call('get', '/api/v1/units', { staff: null, req, res, query: { type: 'ward' } }),
    ]);
    const options = (items: { code: string; nameVi: string; nameEn: string }[]) =>
      items.map((item) => ({ value: item.code, label: en ? item.nameEn : item.nameVi }));
    render(
      res,
      'leader/directive-new.njk',
      {
        values,
        errors,
        categories: options((categories.body as { items: { code: string; nameVi: string; nameEn: string }[] }).items),
        wards: options((wards.body as { items: { code: string; nameVi: string; nameEn: string }[] }).items),
        ...extra,
      },
      status,
    );
  }

  const targetOf = (values: FormValues) =>
    values['target.reportCode']?.trim()
      ? { reportCode: values['target.reportCode'].trim() }
      : (toBody(
          Object.fromEntries(
            Object.entries(values).filter(([name]) => name.startsWith('target.') && name !== 'target.reportCode'),
          ),
          { booleans: ['target.overdueOnly'] },
        ).target ?? {});

  router.get('/dashboard/directives/new', (req, res) => showDirectiveForm(req, res, {}, []));
  router.post('/dashboard/directives/new', async (req, res) => {
    const leader = requireStaff(res, ['leader']);
    const values = formValues(req.body);
    await withFormErrors(
      async () => {
        const target = targetOf(values);
        if (values.step !== 'send') {
          // First the count it will reach; the leader sends on the next step.
          const { body } = await call(req, res, leader, 'post', '/api/v1/directives/preview', { body: { target } });
          return showDirectiveForm(req, res, values, [], { reach: (body as { targets: number }).targets });
        }
        const { body } = await call(req, res, leader, 'post', '/api/v1/directives', {
          body: {
            target,
            instruction: values.instruction ?? '',
            ...(values.due ? { due: endOfLocalDay(values.due) } : {}),
          },
        });
        res.redirect(303, `/dashboard/directives/${(body as { id: string }).id}`);
      },
      (errors) => showDirectiveForm(req, res, values, errors, {}, 400),
      'target',
      { values, t: res.locals.t as Translate },
    );
  });

  router.get('/dashboard/directives/:id', async (req, res) => {
    const staff = requireStaff(res, ['leader', 'admin', 'coordinator', 'unit_head', 'unit_staff']);
    const { body } = await call(req, res, staff, 'get', '/api/v1/directives/:id', {
      params: { id: req.params.id as string },
    });
    render(res, 'leader/directive.njk', { directive: body });
  });
}
