// Coordinators: the triage queue with how long each report has waited, assignment to a unit, and
// the extension requests waiting for a decision (decided on the task page). Through the API's routes.
import type { Request, Response, Router } from 'express';
import type { RouteTable } from '../api/routeTable';
import type { StaffActor } from '../domain/roles';
import { workingMsBetween, workingMsPerDay } from '../domain/workingTime';
import { formValues } from './forms';
import type { Translate } from './i18n';
import { render, withFormErrors, type FormError } from './page';
import type { ReferenceCache } from './reference';
import { requireStaff } from './session';
import type { TaskItem } from './staff';

const coordinators = ['coordinator', 'admin'] as const;
const HOUR = 3_600_000;

export function addCoordinatorPages(router: Router, table: RouteTable, reference: ReferenceCache): void {
  const call = (
    req: Request,
    res: Response,
    staff: StaffActor | null,
    method: 'get' | 'post',
    path: string,
    input = {},
  ) => table.call(method, path, { staff, req, res, ...input });

  async function showTriage(req: Request, res: Response, errors: FormError[] = [], status = 200) {
    const staff = requireStaff(res, coordinators);
    const t = res.locals.t as Translate;
    const en = res.locals.lang === 'en';
    const [queue, extensions, units, calendar] = await Promise.all([
      call(req, res, staff, 'get', '/api/v1/triage', { query: { pageSize: '100' } }),
      call(req, res, staff, 'get', '/api/v1/extensions', { query: { pageSize: '100' } }),
      call(req, res, null, 'get', '/api/v1/units'),
      reference.calendar(),
    ]);
    const now = Date.now();
    // The triage clock: working time since the report arrived.
    const waited = (submittedAt: string) => {
      const ms = workingMsBetween(Date.parse(submittedAt), now, calendar);
      const day = workingMsPerDay(calendar);
      return ms >= day
        ? t('duration.working_days', { n: Math.floor(ms / day) })
        : t('duration.working_hours', { n: Math.floor(ms / HOUR) });
    };
    const filed = typeof req.query.assigned === 'string' ? req.query.assigned.split(':') : null;
    render(
      res,
      'staff/triage.njk',
      {
        queue: (queue.body as { items: (TaskItem & { submittedAt: string })[] }).items.map((item) => ({
          ...item,
          waited: waited(item.submittedAt),
        })),
        extensions: (extensions.body as { items: TaskItem[] }).items,
        units: (units.body as { items: { code: string; nameVi: string; nameEn: string; type: string }[] }).items
          .filter((unit) => unit.type !== 'city' && unit.type !== 'coordinator')
          .map((unit) => ({ value: unit.code, label: en ? unit.nameEn : unit.nameVi })),
        notice: filed ? t('triage.assigned', { code: filed[0], unit: filed[1] }) : null,
        errors,
        values: {},
      },
      status,
    );
  }

  router.get('/staff/triage', (req, res) => showTriage(req, res));
  router.post('/staff/triage/:code/assign', async (req, res) => {
    const staff = requireStaff(res, coordinators);
    const code = req.params.code as string;
    const values = formValues(req.body);
    await withFormErrors(
      async () => {
        await call(req, res, staff, 'post', '/api/v1/triage/:code/assign', {
          params: { code },
          body: { unitCode: values.unitCode ?? '' },
        });
        res.redirect(303, `/staff/triage?assigned=${encodeURIComponent(`${code}:${values.unitCode}`)}`);
      },
      (errors) =>
        showTriage(
          req,
          res,
          errors.map((error) => ({ ...error, href: `#unit-${code}`, message: `${code}: ${error.message}` })),
          400,
        ),
      'unitCode',
    );
  });
}
