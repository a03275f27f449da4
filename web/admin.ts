// Admins: the reference-data pages under /admin — the working calendar of a year (and the banner
// while next year is still provisional), routing rule sets (draft, dry-run, publish) and the unit
// registry (list at a date, each unit's lineage, rename, merge, retire, CSV import and export), categories with their SLA, reply templates, and the staff directory. Each page calls the API's admin routes with the
// session's actor and renders their reply or their field errors: no rule lives here twice.
import type { Request, Response, Router } from 'express';
import { isCityAdmin } from '../usecases/adminScope';
import { provisionalYearAhead } from '../usecases/calendarAdmin';
import type { UnitHistory } from '../usecases/unitsAdmin';
import { unitTypes } from '../db/units';
import type { AppDeps } from '../api/deps';
import type { CategoryRecord } from '../db/categories';
import type { ReplyTemplateRecord } from '../db/replyTemplates';
import { validationFailed } from '../api/errors';
import type { RouteDefinition, RouteTable } from '../api/routeTable';
import type { CalendarDay, CalendarYear } from '../domain/calendar';
import type { StaffActor } from '../domain/roles';
import { localDate } from '../domain/workingTime';
import { staffRoles } from '../domain/roles';
import { replyTemplateVariableNames } from '../domain/replyTemplates';
import { formValues, toBody } from './forms';
import type { Translate } from './i18n';
import { fieldId, render, withFormErrors, type FormError } from './page';
import { requireStaff } from './session';

export const adminSections = ['calendar', 'rules', 'units', 'categories', 'reply-templates', 'staff'] as const;
const admins = ['admin'] as const;

/** Every error of a form whose input holds many API fields (a textarea of lines, JSON, CSV) points at that input. */
const onInput = (input: string, errors: FormError[], label: (field: string) => string = (field) => field) =>
  errors.map((error) => ({
    field: input,
    href: `#${fieldId(input)}`,
    message: error.field === input ? error.message : `${label(error.field)}: ${error.message}`,
  }));

interface StaffMember {
  id: string;
  name: string;
  role: string;
  unitCode: string;
  phone: string | null;
  email: string | null;
  active: boolean;
}

export function addAdminPages(router: Router, deps: AppDeps, table: RouteTable): void {
  const call = (
    req: Request,
    res: Response,
    staff: StaffActor | null,
    method: RouteDefinition['method'],
    path: string,
    input: { params?: Record<string, string>; body?: unknown; query?: unknown; headers?: Record<string, string> } = {},
  ) => table.call(method, path, { staff, req, res, ...input });

  router.get('/admin', (_req, res) => {
    requireStaff(res, admins);
    render(res, 'admin/index.njk', {
      sections: adminSections.map((name) => ({ name, href: `/admin/${name}` })),
    });
  });

  // ---- The working calendar ----

  async function showCalendar(req: Request, res: Response, year: string, errors: FormError[] = [], values = {}) {
    const staff = requireStaff(res, admins);
    const reply = await call(req, res, null, 'get', '/api/v1/calendar/:year', { params: { year } });
    const calendar = reply.body as CalendarYear;
    const ahead = await provisionalYearAhead(deps, localDate(Date.now()));
    render(
      res,
      'admin/calendar.njk',
      {
        calendar,
        ahead,
        staff,
        saved: req.query.saved === '1',
        values: { days: calendar.days.map(dayLine).join('\n'), ...values },
        errors,
      },
      errors.length ? 400 : 200,
    );
  }

  router.get('/admin/calendar', (_req, res) => {
    requireStaff(res, admins);
    res.redirect(303, `/admin/calendar/${localDate(Date.now()).slice(0, 4)}`);
  });
  router.get('/admin/calendar/:year', (req, res) => showCalendar(req, res, req.params.year as string));
  router.post('/admin/calendar/:year', async (req, res) => {
    const staff = requireStaff(res, admins);
    const year = req.params.year as string;
    const values = formValues(req.body);
    const t = res.locals.t as Translate;
    const lines = (values.days ?? '').split(/\r?\n/);
    const numbered = lines.map((text, index) => ({ text: text.trim(), line: index + 1 })).filter((line) => line.text);
    await withFormErrors(
      async () => {
        await call(req, res, staff, 'put', '/api/v1/admin/calendar/:year', {
          params: { year },
          body: { days: numbered.map((line) => parseDayLine(line.text)), source: values.source?.trim() || undefined },
        });
        res.redirect(303, `/admin/calendar/${year}?saved=1`);
      },
      (errors) =>
        showCalendar(
          req,
          res,
          year,
          errors.map((error) => (error.field === 'source' ? error : onInput('days', [error], lineOf)[0])),
          values,
        ),
      'days',
    );
    // 'days.3.date' → 'Dòng 5 (date)': the API counts the days, the admin reads lines.
    function lineOf(field: string): string {
      const match = /^days\.(\d+)\.?(.*)$/.exec(field);
      if (!match) return field;
      const line = numbered[Number(match[1])]?.line ?? Number(match[1]) + 1;
      return t('calendar.line', { n: line }) + (match[2] ? ` (${match[2]})` : '');
    }
  });

  // ---- Routing rules ----

  interface RuleSetSummary {
    version: number;
    note: string;
    active: boolean;
    ruleCount: number;
  }

  async function showRules(req: Request, res: Response, errors: FormError[] = [], values: Record<string, string> = {}) {
    const staff = requireStaff(res, admins);
    const list = (await call(req, res, staff, 'get', '/api/v1/admin/rule-sets')).body as { items: RuleSetSummary[] };
    let draft = values.draft;
    const active = list.items.find((item) => item.active);
    if (draft === undefined && active) {
      const shown = await call(req, res, staff, 'get', '/api/v1/admin/rule-sets/:version', {
        params: { version: String(active.version) },
      });
      const { defaults, rules } = (shown.body as { ruleSet: { defaults: unknown; rules: unknown } }).ruleSet;
      draft = JSON.stringify({ note: '', defaults, rules }, null, 2);
    }
    render(res, 'admin/rules.njk', { items: list.items, errors, values: { draft } }, errors.length ? 400 : 200);
  }

  async function showRuleSet(req: Request, res: Response, version: string, extra: Record<string, unknown> = {}) {
    const staff = requireStaff(res, admins);
    const shown = await call(req, res, staff, 'get', '/api/v1/admin/rule-sets/:version', { params: { version } });
    const ruleSet = shown.body as RuleSetSummary & { ruleSet: unknown };
    render(res, 'admin/rule-set.njk', {
      ruleSet,
      json: JSON.stringify(ruleSet.ruleSet, null, 2),
      published: req.query.published === '1',
      ...extra,
    });
  }

  router.get('/admin/rules', (req, res) => showRules(req, res));
  router.post('/admin/rules', async (req, res) => {
    const staff = requireStaff(res, admins);
    const values = formValues(req.body);
    const t = res.locals.t as Translate;
    let draft: unknown;
    try {
      draft = JSON.parse(values.draft ?? '');
    } catch (error) {
      const message = t('rules.notJson', { problem: (error as Error).message });
      return showRules(req, res, [{ field: 'draft', href: `#${fieldId('draft')}`, message }], values);
    }
    await withFormErrors(
      async () => {
        const created = await call(req, res, staff, 'post', '/api/v1/admin/rule-sets', { body: draft });
        res.redirect(303, `/admin/rules/${(created.body as RuleSetSummary).version}`);
      },
      (errors) => showRules(req, res, onInput('draft', errors), values),
      'draft',
    );
  });
  router.get('/admin/rules/:version', (req, res) => showRuleSet(req, res, req.params.version as string));
  router.post('/admin/rules/:version/dry-run', async (req, res) => {
    const staff = requireStaff(res, admins);
    const version = req.params.version as string;
    const reply = await call(req, res, staff, 'post', '/api/v1/admin/rule-sets/:version/dry-run', {
      params: { version },
      body: {},
    });
    await showRuleSet(req, res, version, { dryRun: reply.body });
  });
  router.post('/admin/rules/:version/publish', async (req, res) => {
    const staff = requireStaff(res, admins);
    const version = req.params.version as string;
    await call(req, res, staff, 'post', '/api/v1/admin/rule-sets/:version/publish', { params: { version } });
    res.redirect(303, `/admin/rules/${encodeURIComponent(version)}?published=1`);
  });

  // ---- Units ----

  async function showUnits(req: Request, res: Response, errors: FormError[] = [], values: Record<string, string> = {}) {
    const staff = requireStaff(res, admins);
    const t = res.locals.t as Translate;
    const at = typeof req.query.at === 'string' && req.query.at ? req.query.at : localDate(Date.now());
    const shown: { items: unknown[] } = { items: [] };
    const atErrors: FormError[] = [];
    await withFormErrors(
      async () => {
        const reply = await call(req, res, null, 'get', '/api/v1/units', { query: { at } });
        shown.items = (reply.body as { items: unknown[] }).items;
      },
      async (problems) =>
        void atErrors.push(...problems.map((problem) => ({ ...problem, field: 'at', href: '#f-at' }))),
      'at',
    );
    const all = [...atErrors, ...errors];
    const notice = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : null);
    render(
      res,
      'admin/units.njk',
      {
        items: shown.items,
        at,
        imported: notice('imported'),
        merged: notice('merged'),
        cityAdmin: isCityAdmin(staff),
        unitTypes: unitTypes.map((type) => ({ value: type, label: t(`units.type.${type}`) })),
        errors: all,
        values: { at, 'newSuccessor.type': 'ward', ...values },
      },
      all.length ? 400 : 200,
    );
  }

  router.get('/admin/units', (req, res) => showUnits(req, res));
  router.get('/admin/units/export.csv', async (req, res) => {
    const staff = requireStaff(res, admins);
    const reply = await call(req, res, staff, 'get', '/api/v1/admin/units/export');
    res
      .type(reply.contentType ?? 'text/csv')
      .attachment('units.csv')
      .send(reply.body);
  });
  router.post('/admin/units/import', async (req, res) => {
    const staff = requireStaff(res, admins);
    const values = formValues(req.body);
    await withFormErrors(
      async () => {
        const reply = await call(req, res, staff, 'post', '/api/v1/admin/units/import', {
          body: values.csv ?? '',
          headers: { 'content-type': 'text/csv' },
        });
        res.redirect(303, `/admin/units?imported=${(reply.body as { imported: number }).imported}`);
      },
      (errors) => showUnits(req, res, onInput('csv', errors), values),
      'csv',
    );
  });
  // Merging: the units (codes in one box), the successor's code, and — when the successor is new —
  // its names and type; the use case creates it and ends the merged units on the same day.
  router.post('/admin/units/merge', async (req, res) => {
    const staff = requireStaff(res, admins);
    const values = formValues(req.body);
    const codes = (values.codes ?? '').split(/[\s,;]+/).filter(Boolean);
    // The successor is new when its names are filled in (its type has a default either way).
    const { newSuccessor, ...fields } = toBody(values, { omit: ['codes'] });
    const named = newSuccessor as { nameVi?: string; nameEn?: string } | undefined;
    const body = { ...fields, codes, ...(named?.nameVi || named?.nameEn ? { newSuccessor } : {}) };
    await withFormErrors(
      async () => {
        const reply = await call(req, res, staff, 'post', '/api/v1/admin/units/merge', { body });
        const merged = reply.body as { successorCode: string; from: string };
        res.redirect(303, `/admin/units?${new URLSearchParams({ merged: merged.successorCode, at: merged.from })}`);
      },
      // 'codes.1' is about the second code typed: the box of codes, naming it.
      (errors) =>
        showUnits(
          req,
          res,
          errors.map((error) =>
            /^codes(\.|$)/.test(error.field)
              ? onInput('codes', [error], (field) => codes[Number(field.split('.')[1])] ?? field)[0]
              : error,
          ),
          values,
        ),
      'codes',
    );
  });

  async function showUnit(req: Request, res: Response, code: string, errors: FormError[] = [], values = {}) {
    const staff = requireStaff(res, admins);
    const reply = await call(req, res, staff, 'get', '/api/v1/admin/units/:code', { params: { code } });
    const history = reply.body as UnitHistory;
    render(
      res,
      'admin/unit.njk',
      {
        history,
        cityAdmin: isCityAdmin(staff),
        saved: typeof req.query.saved === 'string' ? req.query.saved : null,
        errors,
        values: { nameVi: history.unit.nameVi, nameEn: history.unit.nameEn, ...values },
      },
      errors.length ? 400 : 200,
    );
  }

  router.get('/admin/units/:code', (req, res) => showUnit(req, res, req.params.code as string));
  router.post('/admin/units/:code/rename', async (req, res) => {
    const staff = requireStaff(res, admins);
    const code = req.params.code as string;
    const values = formValues(req.body);
    await withFormErrors(
      async () => {
        await call(req, res, staff, 'post', '/api/v1/admin/units/:code/rename', {
          params: { code },
          body: toBody(values),
        });
        res.redirect(303, `/admin/units/${encodeURIComponent(code)}?saved=renamed`);
      },
      (errors) => showUnit(req, res, code, errors, values),
      'nameVi',
    );
  });
  // The retire form's date is 'retireFrom' on the page (the rename form has its own 'from').
  router.post('/admin/units/:code/retire', async (req, res) => {
    const staff = requireStaff(res, admins);
    const code = req.params.code as string;
    const values = formValues(req.body);
    await withFormErrors(
      async () => {
        await call(req, res, staff, 'post', '/api/v1/admin/units/:code/retire', {
          params: { code },
          body: toBody({ from: values.retireFrom ?? '' }),
        });
        res.redirect(303, `/admin/units/${encodeURIComponent(code)}?saved=retired`);
      },
      (errors) =>
        showUnit(
          req,
          res,
          code,
          errors.map((error) => ({ ...error, field: 'retireFrom', href: `#${fieldId('retireFrom')}` })),
          values,
        ),
      'retireFrom',
    );
  });

  // ---- Records kept as versions: categories, reply templates ----

  /**
   * A list of records with one form that adds one or edits one; an edit carries the version it was
   * read at, so the API refuses it (409) when someone saved in between.
   */
  function versionedRecordsPage<R extends { code: string; version: number }>(page: {
    /** the path under /admin and the template under admin/ */
    section: string;
    api: string;
    /** the form's values for editing a record */
    values(record: R): Record<string, string>;
    /** more for the template (choices of a select) */
    context?(req: Request, res: Response): Promise<Record<string, unknown>>;
    /** where an edit's 409 points: an edit has no code input */
    editField: string;
  }) {
    async function show(req: Request, res: Response, errors: FormError[] = [], values?: Record<string, string>) {
      const staff = requireStaff(res, admins);
      const items = ((await call(req, res, staff, 'get', page.api)).body as { items: R[] }).items;
      const editing = items.find((item) => item.code === req.query.edit);
      render(
        res,
        `admin/${page.section}.njk`,
        {
          items,
          editing: values ? values.expectedVersion !== undefined : Boolean(editing),
          saved: typeof req.query.saved === 'string' ? req.query.saved : null,
          errors,
          values: values ?? (editing ? page.values(editing) : { active: 'true' }),
          ...(await page.context?.(req, res)),
        },
        errors.length ? 400 : 200,
      );
    }

    router.get(`/admin/${page.section}`, (req, res) => show(req, res));
    router.post(`/admin/${page.section}`, async (req, res) => {
      const staff = requireStaff(res, admins);
      const values = formValues(req.body);
      const { code = '', expectedVersion, ...fields } = values;
      const body = {
        ...toBody(fields, { omit: ['active'] }),
        active: values.active === 'true',
        ...(expectedVersion ? { expectedVersion: Number(expectedVersion) } : { code }),
      };
      await withFormErrors(
        async () => {
          if (expectedVersion) await call(req, res, staff, 'put', `${page.api}/:code`, { params: { code }, body });
          else await call(req, res, staff, 'post', page.api, { body });
          res.redirect(303, `/admin/${page.section}?saved=${encodeURIComponent(code)}`);
        },
        (errors) => show(req, res, errors, values),
        expectedVersion ? page.editField : 'code',
      );
    });
  }

  versionedRecordsPage<CategoryRecord>({
    section: 'categories',
    api: '/api/v1/admin/categories',
    values: categoryValues,
    editField: 'nameVi',
  });

  versionedRecordsPage<ReplyTemplateRecord>({
    section: 'reply-templates',
    api: '/api/v1/admin/reply-templates',
    values: (template) => ({
      code: template.code,
      categoryCode: template.categoryCode ?? '',
      titleVi: template.titleVi,
      titleEn: template.titleEn,
      bodyVi: template.bodyVi,
      active: template.active ? 'true' : '',
      expectedVersion: String(template.version),
    }),
    async context(req, res) {
      const t = res.locals.t as Translate;
      const { body } = await call(req, res, null, 'get', '/api/v1/categories');
      const categories = (body as { items: { code: string; nameVi: string; nameEn: string }[] }).items;
      return {
        categories: [
          { value: '', label: t('replyTemplates.anyCategory') },
          ...categories.map((c) => ({
            value: c.code,
            label: `${res.locals.lang === 'en' ? c.nameEn : c.nameVi} (${c.code})`,
          })),
        ],
        variables: replyTemplateVariableNames.map((name) => ({ name, meaning: t(`replyTemplates.var.${name}`) })),
      };
    },
    editField: 'titleVi',
  });

  // ---- Staff ----

  async function showStaff(req: Request, res: Response, errors: FormError[] = [], values?: Record<string, string>) {
    const staff = requireStaff(res, admins);
    const t = res.locals.t as Translate;
    const items = ((await call(req, res, staff, 'get', '/api/v1/admin/staff')).body as { items: StaffMember[] }).items;
    const editing = items.find((item) => item.id === req.query.edit);
    render(
      res,
      'admin/staff.njk',
      {
        items,
        roles: staffRoles.map((role) => ({ value: role, label: t(`role.${role}`) })),
        saved: typeof req.query.saved === 'string' ? req.query.saved : null,
        errors,
        values: values ?? (editing ? memberValues(editing) : { active: 'true' }),
      },
      errors.length ? 400 : 200,
    );
  }

  router.get('/admin/staff', (req, res) => showStaff(req, res));
  router.post('/admin/staff', async (req, res) => {
    const staff = requireStaff(res, admins);
    const values = formValues(req.body);
    const { id = '', ...fields } = values;
    const body = { ...toBody(fields, { omit: ['active'] }), active: values.active === 'true' };
    await withFormErrors(
      async () => {
        if (!id.trim()) throw validationFailed([], (res.locals.t as Translate)('missing.id'));
        await call(req, res, staff, 'put', '/api/v1/admin/staff/:id', { params: { id: id.trim() }, body });
        res.redirect(303, `/admin/staff?saved=${encodeURIComponent(id.trim())}`);
      },
      (errors) => showStaff(req, res, errors, values),
      'id',
    );
  });
}

/** One exception as a line of the form: 'YYYY-MM-DD kind nameVi | nameEn | source' (the source when it has one). */
const dayLine = (day: CalendarDay) =>
  `${day.date} ${day.kind} ${day.nameVi} | ${day.nameEn}${day.source ? ` | ${day.source}` : ''}`;

/**
 * A line back into a day, as typed: the API checks every part and names the line's field at fault.
 * The third part is the day's own source (a '|' inside it is kept); without one, the form's
 * source for the whole year applies.
 */
function parseDayLine(text: string): Record<string, string> {
  const [date = '', kind = '', ...words] = text.split(/\s+/);
  const [nameVi = '', nameEn = '', ...source] = words.join(' ').split('|');
  const day: Record<string, string> = { date, kind, nameVi: nameVi.trim(), nameEn: nameEn.trim() || nameVi.trim() };
  if (source.join('|').trim()) day.source = source.join('|').trim();
  return day;
}

const categoryValues = (category: CategoryRecord): Record<string, string> => ({
  code: category.code,
  nameVi: category.nameVi,
  nameEn: category.nameEn,
  descriptionVi: category.descriptionVi,
  descriptionEn: category.descriptionEn,
  kind: category.kind,
  'sla.accept': category.sla?.accept ?? '',
  'sla.resolve': category.sla?.resolve ?? '',
  active: category.active ? 'true' : '',
  expectedVersion: String(category.version),
});
const memberValues = (member: StaffMember): Record<string, string> => ({
  id: member.id,
  name: member.name,
  role: member.role,
  unitCode: member.unitCode,
  phone: member.phone ?? '',
  email: member.email ?? '',
  active: member.active ? 'true' : '',
});
