// Sending a person's action to a report's workflow as an Update. The Update returns once the
// workflow has persisted the step, so the caller then reads the result from the database.
// Every wait on Temporal is bounded (TEMPORAL_UPDATE_WAIT_MS): past it the caller gets a 503 with
// Retry-After, never a hanging request. An Idempotency-Key makes the Update id, so a retried
// request is applied once and answers as the first did.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import { findReportByCode, type ReportRow } from '../db/reports';
import { findCategoryKind } from '../db/reference';
import type { ReportSnapshot } from '../domain/report';
import { reportWorkflowId } from '../workflows/report/messages';
import type { AppDeps } from '../api/deps';
import { startWorkflow } from './intake';
import { notFound, processStarting } from '../api/errors';
import { withinTemporalWait } from '../api/temporalWait';

export async function loadReport(deps: AppDeps, code: string): Promise<ReportRow> {
  const report = await findReportByCode(deps.pool, code);
  if (!report) throw notFound('report');
  return report;
}

export const idempotencyKey = z.string().trim().min(1).max(200).optional();

/** The header an action route documents and validates. */
export const actionHeaders = z.object({
  'idempotency-key': idempotencyKey.openapi({
    description: 'the same key again (from the same caller) applies the action once and answers the same result',
  }),
});

/**
 * The Update id of an action sent with an Idempotency-Key: the same caller, action and key give
 * the same id, which Temporal applies once per report. Without a key: none (a fresh id per call).
 */
export function actionUpdateId(key: string | undefined, action: string, caller: string): string | undefined {
  if (!key) return undefined;
  const digest = createHash('sha256').update(`${caller}\n${action}\n${key}`).digest('base64url');
  return `${action}:${digest}`;
}

/** Sends a person's action to the report's workflow; with an `updateId`, Temporal applies a retried request only once. */
export async function sendActionOnce<Args extends unknown[]>(
  deps: AppDeps,
  report: ReportRow,
  updateId: string | undefined,
  update: UpdateDefinition<ReportSnapshot, Args>,
  ...args: Args
): Promise<void> {
  // Just submitted, or accepted while Temporal was down: start the process first (once, by id).
  if (!report.workflow_started_at)
    await startWorkflow(deps, report, await findCategoryKind(deps.pool, report.category_code)).catch(() => {
      throw processStarting();
    });
  const handle = deps.temporal.workflow.getHandle(reportWorkflowId(report.id));
  // The definitions are typed at the call site; the client's overloads cannot see through the generic.
  await withinTemporalWait(deps, () =>
    handle.executeUpdate(update.name, { args: args as unknown as [unknown], updateId }),
  );
}
