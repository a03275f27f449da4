// The weekly summary: preview the SMS of any scope for the last seven days, trigger the Friday
// schedule now, and manage who receives it.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ScheduleNotFoundError } from '@temporalio/client';
import { loadScopeSummary } from '../../db/stats';
import { listSummaryRecipients, saveSummaryRecipient } from '../../db/summaries';
import { findUnit } from '../../db/reference';
import { renderSummary, summaryWeek } from '../../domain/weeklySummary';
import { toE164Vietnam } from '../../domain/phone';
import { weeklySummaryScheduleId } from '../../workflows/summary/messages';
import type { AppDeps } from '../deps';
import { invalid, invalidReference, phoneProblem, scheduleMissing } from '../errors';
import { withinTemporalWait } from '../temporalWait';
import { previewQuery, previewReply, recipient, recipientBody, summaryRunReply } from '../leadershipSchemas';
import type { RouteTable } from '../routeTable';
import { readerScope } from './stats';
import { overseerRoles } from '../../domain/roles';

export function addSummaryRoutes(table: RouteTable, deps: AppDeps): void {
  table.add({
    method: 'get',
    path: '/api/v1/summaries/preview',
    tag: 'summaries',
    access: overseerRoles,
    query: previewQuery,
    summary: 'The weekly summary SMS of a scope for the last seven days, with its encoding and part count',
    responses: {
      200: { description: 'preview', schema: previewReply },
      401: { description: 'no token' },
      403: { description: 'outside your scope' },
      422: { description: 'unknown unit' },
    },
    async handle({ query, staff }) {
      const week = summaryWeek(Date.now());
      const scope = await readerScope(deps, staff, query.unitCode, {
        from: new Date(week.from),
        to: new Date(week.to),
      });
      const summary = await loadScopeSummary(deps.pool, scope.code, week, new Date(), deps.config.summaryWorstUnits);
      const { sms } = renderSummary(summary!, deps.config.summarySmsMaxParts);
      return {
        status: 200,
        body: {
          unitCode: scope.code,
          weekStart: new Date(week.from).toISOString(),
          weekEnd: new Date(week.to).toISOString(),
          text: sms.text,
          encoding: sms.encoding,
          segments: sms.segments,
          maxSegments: deps.config.summarySmsMaxParts,
        },
      };
    },
  });

  table.add({
    method: 'post',
    path: '/api/v1/summaries/run',
    tag: 'summaries',
    access: ['leader', 'admin'],
    summary: 'Trigger the weekly summary schedule now: the seven days up to this minute, to every recipient',
    responses: {
      202: { description: 'triggered', schema: summaryRunReply },
      401: { description: 'no token' },
      403: { description: 'not a leader' },
      503: { description: 'no worker has created the schedule yet' },
    },
    async handle() {
      const scheduleId = weeklySummaryScheduleId(deps.config.taskQueue);
      try {
        await withinTemporalWait(deps, () => deps.temporal.schedule.getHandle(scheduleId).trigger());
      } catch (error) {
        if (error instanceof ScheduleNotFoundError) throw scheduleMissing();
        throw error;
      }
      return { status: 202, body: { scheduleId, triggeredAt: new Date().toISOString() } };
    },
  });

  table.add({
    method: 'get',
    path: '/api/v1/summaries/recipients',
    tag: 'summaries',
    access: ['admin'],
    summary: 'Who receives the weekly summary, and for which scope',
    responses: {
      200: { description: 'recipients', schema: z.object({ items: z.array(recipient) }) },
      401: { description: 'no token' },
      403: { description: 'not an admin' },
    },
    async handle() {
      return { status: 200, body: { items: await listSummaryRecipients(deps.pool, false) } };
    },
  });

  table.add({
    method: 'post',
    path: '/api/v1/summaries/recipients',
    tag: 'summaries',
    access: ['admin'],
    body: recipientBody,
    summary: 'Add a recipient of the weekly summary (a unit whose subtree their figures cover)',
    responses: {
      201: { description: 'added', schema: recipient },
      400: { description: 'invalid body' },
      401: { description: 'no token' },
      403: { description: 'not an admin' },
      422: { description: 'unknown unit or invalid phone' },
    },
    async handle({ body }) {
      const phone = body.phone ? toE164Vietnam(body.phone) : null;
      if (body.phone && !phone) throw invalid([phoneProblem('phone')]);
      if (!(await findUnit(deps.pool, body.scopeUnitCode)))
        throw invalidReference(
          [{ field: 'scopeUnitCode', message: 'unknown unit' }],
          `unknown unit "${body.scopeUnitCode}"`,
        );
      const saved = await saveSummaryRecipient(deps.pool, {
        id: randomUUID(),
        name: body.name,
        phone,
        email: body.email ?? null,
        scopeUnitCode: body.scopeUnitCode,
        active: true,
      });
      return { status: 201, body: saved };
    },
  });
}
