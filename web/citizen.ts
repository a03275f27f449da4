// Citizens' pages: home, the report form, the tracking page, and the reporter's actions (rate,
// add information, withdraw) from the link their SMS carries. Each page calls the API's own route
// (same validation, rate limits and rules) and renders its answer.
import { randomUUID } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import { checkReportLinkKey, reportAccessToken, reportLinkKey } from '../api/auth';
import type { AppDeps } from '../api/deps';
import { invalidReportToken, notFound } from '../api/errors';
import type { RouteTable } from '../api/routeTable';
import { findReportByCode } from '../db/reports';
import { publicMedia } from '../domain/photos';
import { openStatuses, type ReportStatus } from '../domain/report';
import { durationText, workingTimeLeft } from './format';
import { formValues, toBody, type FormValues } from './forms';
import type { Translate } from './i18n';
import { render, withFormErrors, type FormError } from './page';
import { keptPhotoLinks, mediaOf, photoLimits, photoViews, postedPhotoLinks } from './photos';
import type { ReferenceCache } from './reference';

const notices = { rating: 'rate.done', comments: 'comment.done', withdraw: 'withdraw.done' } as const;

type Named = { code: string; nameVi: string; nameEn: string } | null;
const nameOf = (item: Named, lang: string) => (item ? (lang === 'en' ? item.nameEn : item.nameVi) : null);

/** The timeline entry's free text worth showing (a note, a reason, a result, a comment). */
const entryText = (details: Record<string, unknown>) =>
  ['note', 'reason', 'result', 'comment', 'instruction']
    .map((key) => details[key])
    .find((v) => typeof v === 'string') as string | undefined;

export function addCitizenPages(router: Router, deps: AppDeps, table: RouteTable, reference: ReferenceCache): void {
  const call = (req: Request, res: Response, method: 'get' | 'post', path: string, input: object = {}) =>
    table.call(method, path, { staff: null, req, res, ...input });
  const { categoryOptions, showReportForm } = createReportForm(table, reference);
  const showCitizenForm = (req: Request, res: Response, values: FormValues, errors: FormError[], status = 200) =>
    showReportForm(req, res, values, errors, status, {
      photoLimits: photoLimits(deps.config),
      keptPhotos: keptPhotoLinks(req),
    });

  router.get('/', async (req, res) => {
    const lang = res.locals.lang as string;
    const [categories, published] = await Promise.all([
      categoryOptions(req, res),
      call(req, res, 'get', '/api/v1/public/reports', { query: { status: 'closed', pageSize: '5' } }),
    ]);
    const recent = (published.body as { items: PublicSummary[] }).items.map((item) => ({
      code: item.code,
      category: nameOf(item.category, lang),
      ward: nameOf(item.ward, lang),
      unit: nameOf(item.unit, lang),
      result: item.result,
      resolvedAt: item.resolvedAt,
      timeliness: item.timeliness,
    }));
    render(res, 'citizen/home.njk', {
      categories: categories.map((c) => ({ name: c.label, description: c.description, promise: null })),
      recent,
    });
  });

  router.get('/report/new', (req, res) => showCitizenForm(req, res, {}, []));
  router.post('/report/new', async (req, res) => {
    const values = formValues(req.body);
    await withFormErrors(
      async () => {
        // Stored before the report is checked: when the report is refused, the form keeps their links.
        const media = [...keptPhotoLinks(req), ...(await postedPhotoLinks(table, deps.config, req, res, null))];
        (req.body as Record<string, unknown>).media = media;
        const { body } = await call(req, res, 'post', '/api/v1/reports', {
          body: { ...reportBody(values), ...(media.length ? { media } : {}) },
          headers: { 'idempotency-key': values.idempotencyKey },
        });
        const { id, code } = body as { id: string; code: string };
        res.redirect(303, `/t/${code}/${reportLinkKey(deps.config.jwtSecret, id)}?sent=1`);
      },
      (errors) => showCitizenForm(req, res, values, errors, 400),
      'description',
      { values, t: res.locals.t as Translate },
    );
  });

  router.get('/track', async (req, res) => {
    const code = typeof req.query.code === 'string' ? req.query.code.trim().toUpperCase() : '';
    if (code && (await findReportByCode(deps.pool, code))) return res.redirect(303, `/t/${encodeURIComponent(code)}`);
    const t = res.locals.t as Translate;
    const errors = code ? [{ field: 'code', href: '#f-code', message: t('track.notFound') }] : [];
    render(res, 'citizen/find.njk', { code, errors }, code ? 404 : 200);
  });

  /** The reporter's link: checks its key and gives back the access token the API expects. */
  async function reporterToken(code: string, key: string): Promise<string> {
    const report = await findReportByCode(deps.pool, code);
    if (!report) throw notFound('report');
    if (!checkReportLinkKey(deps.config.jwtSecret, report.id, key))
      throw invalidReportToken('Đường dẫn không đúng (wrong link)');
    return reportAccessToken(deps.config.jwtSecret, report.id);
  }

  async function showTracking(req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) {
    const { code, key } = req.params as { code: string; key?: string };
    const token = key ? await reporterToken(code, key) : undefined;
    const { body } = await call(req, res, 'get', '/api/v1/reports/:code', {
      params: { code },
      headers: { 'x-report-token': token },
    });
    const report = body as PublicReport;
    const lang = res.locals.lang as string;
    const t = res.locals.t as Translate;
    const open = (openStatuses as readonly string[]).includes(report.status);
    render(
      res,
      'citizen/track.njk',
      {
        report: {
          ...report,
          categoryName: nameOf(report.category, lang),
          wardName: nameOf(report.ward, lang),
          unitName: nameOf(report.unit, lang),
          open,
          timeLeft:
            open && report.deadlineAt
              ? workingTimeLeft(report.deadlineAt, Date.now(), await reference.calendar(), t)
              : null,
          // Only public photos: an <img> cannot send the reporter's token for a private one.
          photos: photoViews(publicMedia(report.media), '/media'),
          timeline: report.timeline.map((entry) => ({
            ...entry,
            text: entryText(entry.details),
            photos: photoViews(publicMedia(mediaOf(entry.details)), '/media'),
          })),
        },
        key,
        sent: req.query.sent === '1',
        notice: notices[req.query.done as keyof typeof notices]
          ? t(notices[req.query.done as keyof typeof notices])
          : null,
        ownLink: key ? `${deps.config.publicUrl}/t/${code}/${key}` : null,
        values: {},
        errors: [],
        ...extra,
      },
      status,
    );
  }

  router.get('/t/:code', (req, res) => showTracking(req, res));
  router.get('/t/:code/:key', (req, res) => showTracking(req, res));

  const reporterAction = (action: keyof typeof notices, field: string) =>
    router.post(`/t/:code/:key/${action}`, async (req, res) => {
      const { code, key } = req.params as { code: string; key: string };
      const values = formValues(req.body);
      await withFormErrors(
        async () => {
          await call(req, res, 'post', `/api/v1/reports/:code/${action}`, {
            params: { code },
            body: toBody(values, { numbers: ['score'] }),
            headers: { 'x-report-token': await reporterToken(code, key) },
          });
          res.redirect(303, `/t/${code}/${key}?done=${action}`);
        },
        (errors) => showTracking(req, res, { errors, values }, 400),
        field,
        { values, t: res.locals.t as Translate },
      );
    });
  reporterAction('rating', 'score');
  reporterAction('comments', 'comment');
  reporterAction('withdraw', 'withdraw');

  /** /portal was where people looked for the citizens' pages. */
  router.get('/portal', (_req, res) => res.redirect(301, '/'));
}

/** The report form: the citizens' page, and the hotline operator's intake page with the caller's fields. */
export function createReportForm(table: RouteTable, reference: ReferenceCache) {
  const call = (req: Request, res: Response, method: 'get' | 'post', path: string, input: object = {}) =>
    table.call(method, path, { staff: null, req, res, ...input });

  async function categoryOptions(req: Request, res: Response) {
    const lang = res.locals.lang as string;
    const t = res.locals.t as Translate;
    const [{ body }, promises] = await Promise.all([call(req, res, 'get', '/api/v1/categories'), reference.promises()]);
    return (
      body as {
        items: { code: string; nameVi: string; nameEn: string; descriptionVi: string; descriptionEn: string }[];
      }
    ).items.map((category) => ({
      value: category.code,
      label: lang === 'en' ? category.nameEn : category.nameVi,
      description: lang === 'en' ? category.descriptionEn : category.descriptionVi,
      note: t('report.promise', {
        duration: durationText(promises.byCategory.get(category.code) ?? promises.fallback, t),
      }),
    }));
  }

  /** The report form, also the operator's intake form (web/operator.ts) with the caller's fields. */
  async function showReportForm(
    req: Request,
    res: Response,
    values: FormValues,
    errors: FormError[],
    status = 200,
    extra: Record<string, unknown> = {},
  ) {
    const lang = res.locals.lang as string;
    const [categories, wards] = await Promise.all([
      categoryOptions(req, res),
      call(req, res, 'get', '/api/v1/units', { query: { type: 'ward' } }),
    ]);
    const chosen = categories.find((category) => category.value === values.categoryCode);
    render(
      res,
      'citizen/new.njk',
      {
        categories,
        promise: chosen?.note,
        wards: (wards.body as { items: { code: string; nameVi: string; nameEn: string }[] }).items.map((ward) => ({
          value: ward.code,
          label: lang === 'en' ? ward.nameEn : ward.nameVi,
        })),
        values,
        errors,
        idempotencyKey: values.idempotencyKey || randomUUID(),
        action: '/report/new',
        operator: false,
        ...extra,
      },
      status,
    );
  }

  return { categoryOptions, showReportForm };
}

/** The report form's fields as the API's submission body. */
export function reportBody(values: FormValues): Record<string, unknown> {
  return toBody(values, {
    numbers: ['location.lat', 'location.lng'],
    booleans: ['reporter.anonymous'],
    omit: ['idempotencyKey', 'media', 'private'],
  });
}

interface PublicSummary {
  code: string;
  category: Named;
  ward: Named;
  unit: Named;
  result: string | null;
  resolvedAt: string | null;
  timeliness: string | null;
}

interface PublicReport {
  code: string;
  media: string[];
  status: ReportStatus;
  category: Named;
  ward: Named;
  unit: Named;
  deadlineAt: string | null;
  timeline: { at: string; type: string; details: Record<string, unknown> }[];
}
