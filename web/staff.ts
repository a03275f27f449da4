// Unit staff and heads: the inbox of their unit's work and the task page with its actions. Every
// read and action is the API's own route, called with the session's actor; the workflow checks
// the transition and the scope again.
import type { Request, Response, Router } from 'express';
import type { RouteTable } from '../api/routeTable';
import type { Config } from '../config';
import { reportStatuses, withUnitStatuses, type ReportStatus } from '../domain/report';
import { staffRoles, type StaffActor } from '../domain/roles';
import { workingTimeLeft } from './format';
import { formValues, toBody, type FormValues } from './forms';
import type { Translate } from './i18n';
import { fieldId, render, withFormErrors, type FormError } from './page';
import { mediaOf, photoLimits, photoViews, postedPhotoLinks } from './photos';
import type { ReferenceCache } from './reference';
import { requireStaff } from './session';

const unitRoles = ['unit_staff', 'unit_head'] as const;
const taskReaders = ['unit_staff', 'unit_head', 'leader', 'coordinator', 'admin'] as const;

/** A day picked on a form means the end of that working day in Ho Chi Minh City. */
export const endOfLocalDay = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T17:00:00+07:00` : day);

export function addStaffPages(router: Router, table: RouteTable, reference: ReferenceCache, config: Config): void {
  const call = (req: Request, res: Response, method: 'get' | 'post', path: string, staff: StaffActor, input = {}) =>
    table.call(method, path, { staff, req, res, ...input });

  async function categoryNames(req: Request, res: Response): Promise<Map<string, string>> {
    const { body } = await table.call('get', '/api/v1/categories', { staff: null, req, res });
    const en = res.locals.lang === 'en';
    return new Map(
      (body as { items: { code: string; nameVi: string; nameEn: string }[] }).items.map((c) => [
        c.code,
        en ? c.nameEn : c.nameVi,
      ]),
    );
  }

  /** Open tasks get their working time left; the rest show none. */
  async function withTimeLeft<T extends { deadlineAt: string | null; status: string }>(items: T[], t: Translate) {
    const calendar = await reference.calendar();
    const now = Date.now();
    return items.map((item) => ({
      ...item,
      timeLeft:
        item.deadlineAt && withUnitStatuses.includes(item.status as ReportStatus)
          ? workingTimeLeft(item.deadlineAt, now, calendar, t)
          : null,
    }));
  }

  async function showInbox(req: Request, res: Response, notice: string | null = null, errors: FormError[] = []) {
    const staff = requireStaff(res, taskReaders);
    const filters = {
      status: typeof req.query.status === 'string' ? req.query.status : 'open',
      overdue: req.query.overdue === 'true' ? 'true' : undefined,
      categoryCode:
        typeof req.query.categoryCode === 'string' && req.query.categoryCode ? req.query.categoryCode : undefined,
      q: typeof req.query.q === 'string' && req.query.q.trim() ? req.query.q.trim() : undefined,
    };
    const [{ body }, categories] = await Promise.all([
      call(req, res, 'get', '/api/v1/tasks', staff, { query: { ...filters, pageSize: '100' } }),
      categoryNames(req, res),
    ]);
    const t = res.locals.t as Translate;
    const { items, total } = body as { items: TaskItem[]; total: number };
    render(res, 'staff/inbox.njk', {
      items: (await withTimeLeft(items, t)).map((item) => ({
        ...item,
        categoryName: categories.get(item.categoryCode),
      })),
      total,
      filters,
      statuses: ['open', 'all', ...reportStatuses],
      categories: [...categories].map(([value, label]) => ({ value, label })),
      canAccept: (unitRoles as readonly string[]).includes(staff.role),
      notice,
      errors,
    });
  }

  router.get('/staff/inbox', (req, res) => showInbox(req, res));

  /** Bulk accept: each chosen task through the same accept route; refusals are listed, the rest done. */
  router.post('/staff/inbox/accept', async (req, res) => {
    const staff = requireStaff(res, unitRoles);
    const codes = ([] as unknown[])
      .concat((req.body as { code?: unknown }).code ?? [])
      .filter((code): code is string => typeof code === 'string');
    const t = res.locals.t as Translate;
    const errors: FormError[] = [];
    for (const code of codes.slice(0, 100)) {
      await withFormErrors(
        () =>
          call(req, res, 'post', '/api/v1/tasks/:code/accept', staff, { params: { code }, body: {} }).then(
            () => undefined,
          ),
        async (refused) =>
          void errors.push(...refused.map((error) => ({ ...error, message: `${code}: ${error.message}` }))),
        'code',
      );
    }
    await showInbox(req, res, t('inbox.accepted', { n: codes.length - errors.length }), errors);
  });

  /** The reply templates offered for the task, filled with its report's variables. */
  const replyTemplatesOf = async (req: Request, res: Response, staff: StaffActor, code: string) =>
    (
      (await call(req, res, 'get', '/api/v1/tasks/:code/reply-templates', staff, { params: { code } })).body as {
        items: ReplyTemplateOffer[];
      }
    ).items;

  async function showTask(
    req: Request,
    res: Response,
    values: FormValues = {},
    errors: FormError[] = [],
    status = 200,
    notice: string | null = null,
  ) {
    const staff = requireStaff(res, taskReaders);
    const code = req.params.code as string;
    const [{ body }, categories] = await Promise.all([
      call(req, res, 'get', '/api/v1/tasks/:code', staff, { params: { code } }),
      categoryNames(req, res),
    ]);
    const t = res.locals.t as Translate;
    const [task] = await withTimeLeft([body as TaskDetail], t);
    const isUnit = (unitRoles as readonly string[]).includes(staff.role);
    const decides = staff.role === 'coordinator' || staff.role === 'admin';
    const works = isUnit && task.status === 'in_progress';
    const en = res.locals.lang === 'en';
    const fromTemplate = (entry: TaskDetail['timeline'][number]) =>
      entry.replyTemplate ? (en ? entry.replyTemplate.titleEn : entry.replyTemplate.titleVi) : null;
    const lastResolve = task.timeline.filter((entry) => entry.type === 'resolved').pop();
    render(
      res,
      'staff/task.njk',
      {
        task: {
          ...task,
          categoryName: categories.get(task.categoryCode),
          photos: photoViews(task.media, '/staff/media'),
          timeline: task.timeline.map((entry) => ({
            ...entry,
            photos: photoViews(mediaOf(entry.details), '/staff/media'),
            fromTemplate: fromTemplate(entry),
          })),
          resultTemplate: lastResolve ? fromTemplate(lastResolve) : null,
        },
        replyTemplates: works
          ? (await replyTemplatesOf(req, res, staff, code)).map((template) => ({
              value: template.code,
              label: en ? template.titleEn : template.titleVi,
            }))
          : [],
        photoLimits: photoLimits(config),
        can: {
          accept: isUnit && task.status === 'assigned',
          work: works,
          transfer: isUnit && withUnitStatuses.includes(task.status as ReportStatus),
          extension: isUnit && task.status === 'in_progress' && !task.extensionPending,
          decide: decides && task.extensionPending,
        },
        values,
        errors,
        notice: notice ?? (req.query.done ? t(`task.done.${String(req.query.done)}`) : null),
      },
      status,
    );
  }

  router.get('/staff/tasks/:code', (req, res) => showTask(req, res));

  /**
   * A report's photo for the signed-in staff member: an <img> cannot send a bearer token, so the
   * page session stands in for it, through the API's own route (same scope check for private ones).
   */
  for (const variant of ['', '/thumbnail']) {
    router.get(`/staff/media/:id${variant}`, async (req, res) => {
      const staff = requireStaff(res, staffRoles);
      const reply = await call(req, res, 'get', `/media/:id${variant}`, staff, { params: { id: req.params.id } });
      res
        .status(reply.status)
        .set({ ...reply.headers, Vary: 'Cookie' })
        .type(reply.contentType ?? 'application/octet-stream')
        .send(reply.body);
    });
  }

  /**
   * "Dùng mẫu" (use template), which works without JavaScript: the chosen template, filled with the
   * report's variables, becomes the result's text to edit; the form then carries which template and
   * version it was, for the resolve to record.
   */
  router.post('/staff/tasks/:code/use-template', async (req, res) => {
    const staff = requireStaff(res, unitRoles);
    const code = req.params.code as string;
    const values = formValues(req.body);
    const t = res.locals.t as Translate;
    const chosen = (await replyTemplatesOf(req, res, staff, code)).find((item) => item.code === values.templateCode);
    if (!chosen)
      return showTask(
        req,
        res,
        values,
        onTemplateSelect([{ field: 'templateCode', message: t('missing.templateCode') }]),
        400,
      );
    const title = res.locals.lang === 'en' ? chosen.titleEn : chosen.titleVi;
    await showTask(
      req,
      res,
      {
        ...values,
        result: chosen.text,
        'replyTemplate.code': chosen.code,
        'replyTemplate.version': String(chosen.version),
      },
      [],
      200,
      t('task.templateFilled', { title }),
    );
  });

  // Each action posts its form to the API route of the same name; a refusal shows the task again with its errors.
  const actions: Record<string, { path: string; field: string; body(values: FormValues): object; photos?: true }> = {
    accept: { path: 'accept', field: 'action', body: () => ({}) },
    progress: { path: 'progress', field: 'note', body: (v) => toBody({ note: v.note ?? '' }) },
    transfer: { path: 'transfer', field: 'reason', body: (v) => toBody({ reason: v.reason ?? '' }) },
    extension: {
      path: 'extension',
      field: 'until',
      body: (v) => toBody({ reason: v.reason ?? '', until: endOfLocalDay(v.until ?? '') }),
    },
    resolve: {
      path: 'resolve',
      field: 'result',
      body: (v) =>
        toBody(
          {
            result: v.result ?? '',
            'replyTemplate.code': v['replyTemplate.code'] ?? '',
            'replyTemplate.version': v['replyTemplate.version'] ?? '',
          },
          { numbers: ['replyTemplate.version'] },
        ),
      photos: true,
    },
    decide: {
      path: 'extension/decision',
      field: 'approve',
      body: (v) => ({
        approve: v.approve === 'true',
        ...(v.approve === 'true' && v.decideUntil ? { until: endOfLocalDay(v.decideUntil) } : {}),
        note: v.decideNote ?? '',
      }),
    },
  };
  router.post('/staff/tasks/:code/:action', async (req, res) => {
    const action = actions[req.params.action as string];
    const staff = requireStaff(res, taskReaders);
    const code = req.params.code as string;
    const values = formValues(req.body);
    if (!action) return showTask(req, res, values, [], 404);
    await withFormErrors(
      async () => {
        const media = action.photos ? await postedPhotoLinks(table, config, req, res, staff) : [];
        await call(req, res, 'post', `/api/v1/tasks/:code/${action.path}`, staff, {
          params: { code },
          body: { ...action.body(values), ...(media.length ? { media } : {}) },
        });
        res.redirect(303, `/staff/tasks/${encodeURIComponent(code)}?done=${req.params.action}`);
      },
      (errors) => showTask(req, res, withoutRefusedTemplate(values, errors), onTemplateSelect(errors), 400),
      action.field,
      { values, t: res.locals.t as Translate },
    );
  });
}

/** A refusal of the template a result names (withdrawn meanwhile) points at the template select. */
const onTemplateSelect = (errors: { field: string; message: string }[]): FormError[] =>
  errors.map((error) =>
    error.field.startsWith('replyTemplate') || error.field === 'templateCode'
      ? { field: 'templateCode', href: `#${fieldId('templateCode')}`, message: error.message }
      : { href: `#${fieldId(error.field)}`, ...error },
  );

/** After such a refusal the form no longer says it was written from that template. */
function withoutRefusedTemplate(values: FormValues, errors: FormError[]): FormValues {
  if (!errors.some((error) => error.field.startsWith('replyTemplate'))) return values;
  return Object.fromEntries(Object.entries(values).filter(([name]) => !name.startsWith('replyTemplate.')));
}

interface ReplyTemplateOffer {
  code: string;
  titleVi: string;
  titleEn: string;
  version: number;
  text: string;
}

export interface TaskItem {
  code: string;
  status: string;
  categoryCode: string;
  unitCode: string | null;
  title: string | null;
  deadlineAt: string | null;
  overdue: boolean;
  escalationLevel: number;
  extensionPending: boolean;
  reopenCount: number;
}

interface TaskDetail extends TaskItem {
  description: string;
  media: string[];
  address: string | null;
  result: string | null;
  reporter: { name: string | null; phone: string | null; email: string | null; anonymous: boolean };
  timeline: {
    at: string;
    type: string;
    actorId: string | null;
    details: Record<string, unknown>;
    replyTemplate?: { code: string; version: number; titleVi: string; titleEn: string };
  }[];
}
