// Citizens' endpoints: submit, track by code, rate, withdraw. No account: the access token
// returned at submission proves the reporter.
import { z } from 'zod';
import { listTimeline, findReportWithNames, findReportByCode } from '../../db/reports';
import { toE164Vietnam } from '../../domain/phone';
import { commentUpdate, rateUpdate, withdrawUpdate } from '../../workflows/report/messages';
import { checkReportToken } from '../auth';
import type { AppDeps } from '../deps';
import { invalidReportToken, notFound } from '../errors';
import { submitReport } from '../../usecases/intake';
import {
  actionHeaders,
  actionUpdateId,
  idempotencyKey,
  loadReport,
  sendActionOnce,
} from '../../usecases/reportActions';
import { publicReportView } from '../views';
import type { RouteTable } from '../routeTable';
import { commentBody, emptyBody, publicReport, ratingBody, submitReportBody, submittedReport } from '../schemas';

export function addReportRoutes(table: RouteTable, deps: AppDeps): void {
  const { config } = deps;
  const window = config.rateLimitWindowSeconds;
  const reporterOf = async (code: string, token: string | undefined) => {
    const report = await loadReport(deps, code);
    if (!checkReportToken(deps.config.jwtSecret, report.id, token)) {
      throw invalidReportToken('Mã truy cập không đúng (wrong or missing report token)', [
        { field: 'x-report-token', message: 'wrong or missing' },
      ]);
    }
    return report;
  };

  table.add({
    method: 'post',
    path: '/api/v1/reports',
    tag: 'citizens',
    access: 'public',
    staffMayCall: ['operator'],
    summary:
      'Submit a report (optional Idempotency-Key header); a hotline operator may submit on a caller’s behalf with a bearer token',
    body: submitReportBody,
    headers: z.object({
      'idempotency-key': idempotencyKey.openapi({ description: 'the same key again returns the same report' }),
    }),
    // Operators are authenticated and audited; the hotline centre's address is not a citizen's.
    rateLimits: ({ req, body, staff }) =>
      staff
        ? []
        : [
            { name: 'submit-ip', key: req.ip, limit: config.rateLimitSubmitPerIp, windowSeconds: window, field: 'ip' },
            {
              name: 'submit-phone',
              key: body.reporter.phone && toE164Vietnam(body.reporter.phone),
              limit: config.rateLimitSubmitPerPhone,
              windowSeconds: window,
              field: 'reporter.phone',
            },
          ],
    responses: {
      201: { description: 'accepted', schema: submittedReport },
      400: { description: 'invalid input' },
      403: {
        description:
          'a channel only operators record (hotline, email, zalo) without an operator token, open311 (partners use Open311), or a staff token of another role',
      },
      413: { description: 'too large' },
      415: { description: 'not JSON' },
      422: { description: 'unknown category or ward, or coordinates outside the city' },
      503: { description: 'database unavailable' },
    },
    async handle({ body, headers, staff }) {
      const { report } = await submitReport(deps, body, headers['idempotency-key'] ?? null, staff);
      return { status: 201, body: report, headers: { Location: `/api/v1/reports/${report.code}` } };
    },
  });

  table.add({
    method: 'get',
    path: '/api/v1/reports/:code',
    tag: 'citizens',
    access: 'public',
    summary: 'Track a report: public view; with X-Report-Token the reporter also sees their details',
    responses: {
      200: { description: 'the report', schema: publicReport },
      403: { description: 'wrong token' },
      404: { description: 'unknown code' },
    },
    async handle({ params, header }) {
      const report = await findReportWithNames(deps.pool, params.code);
      if (!report) throw notFound('report');
      const token = header('x-report-token');
      if (token !== undefined && !checkReportToken(deps.config.jwtSecret, report.id, token)) {
        throw invalidReportToken('Mã truy cập không đúng (wrong report token)', [
          { field: 'x-report-token', message: 'wrong token' },
        ]);
      }
      return {
        status: 200,
        body: publicReportView(report, await listTimeline(deps.pool, report.id), token !== undefined),
      };
    },
  });

  table.add({
    method: 'post',
    path: '/api/v1/reports/:code/rating',
    tag: 'citizens',
    access: 'reporter',
    summary: 'Rate the published result (1–5); 1–2 re-opens the report',
    body: ratingBody,
    headers: actionHeaders,
    // Per IP also slows guessing of access tokens; per phone, one reporter rating in bulk.
    rateLimits: async ({ req, params }) => [
      { name: 'rating-ip', key: req.ip, limit: config.rateLimitRatingPerIp, windowSeconds: window, field: 'ip' },
      {
        name: 'rating-phone',
        key: (await findReportByCode(deps.pool, params.code))?.reporter_phone,
        limit: config.rateLimitRatingPerPhone,
        windowSeconds: window,
        field: 'reporter.phone',
      },
    ],
    responses: {
      200: { description: 'rated', schema: publicReport },
      403: { description: 'wrong token' },
      404: { description: 'unknown code' },
      409: { description: 'not resolved, or already rated' },
      503: { description: 'the process did not answer in time: retry after Retry-After (same Idempotency-Key)' },
    },
    async handle({ params, body, header, headers }) {
      const report = await reporterOf(params.code, header('x-report-token'));
      const updateId = actionUpdateId(headers['idempotency-key'], 'rate', 'reporter');
      await sendActionOnce(deps, report, updateId, rateUpdate, { score: body.score, comment: body.comment ?? null });
      return viewFor(deps, params.code);
    },
  });

  table.add({
    method: 'post',
    path: '/api/v1/reports/:code/comments',
    tag: 'citizens',
    access: 'reporter',
    summary: 'Add information to an open report (shown to the unit in the timeline)',
    body: commentBody,
    headers: actionHeaders,
    rateLimits: ({ req, params }) => [
      { name: 'comment-ip', key: req.ip, limit: config.rateLimitCommentPerIp, windowSeconds: window, field: 'ip' },
      {
        name: 'comment-report',
        key: params.code,
        limit: config.rateLimitCommentPerReport,
        windowSeconds: window,
        field: 'code',
      },
    ],
    responses: {
      200: { description: 'recorded', schema: publicReport },
      400: { description: 'invalid body' },
      403: { description: 'wrong token' },
      404: { description: 'unknown code' },
      409: { description: 'report finished' },
      503: { description: 'the process did not answer in time: retry after Retry-After (same Idempotency-Key)' },
    },
    async handle({ params, body, header, headers }) {
      const report = await reporterOf(params.code, header('x-report-token'));
      const updateId = actionUpdateId(headers['idempotency-key'], 'comment', 'reporter');
      await sendActionOnce(deps, report, updateId, commentUpdate, { comment: body.comment, via: 'api' });
      return viewFor(deps, params.code);
    },
  });

  table.add({
    method: 'post',
    path: '/api/v1/reports/:code/withdraw',
    tag: 'citizens',
    access: 'reporter',
    summary: 'Withdraw the report',
    body: emptyBody,
    headers: actionHeaders,
    responses: {
      200: { description: 'withdrawn', schema: publicReport },
      403: { description: 'wrong token' },
      404: { description: 'unknown code' },
      409: { description: 'already finished' },
      503: { description: 'the process did not answer in time: retry after Retry-After (same Idempotency-Key)' },
    },
    async handle({ params, header, headers }) {
      const report = await reporterOf(params.code, header('x-report-token'));
      const updateId = actionUpdateId(headers['idempotency-key'], 'withdraw', 'reporter');
      await sendActionOnce(deps, report, updateId, withdrawUpdate);
      return viewFor(deps, params.code);
    },
  });
}

async function viewFor(deps: AppDeps, code: string) {
  const report = await findReportWithNames(deps.pool, code);
  if (!report) throw notFound('report');
  return { status: 200, body: publicReportView(report, await listTimeline(deps.pool, report.id), true) };
}
