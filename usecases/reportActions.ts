// Sending a person's action to a report's workflow as an Update. The Update returns once the
// workflow has persisted the step, so the caller then reads the result from the database.
import type { UpdateDefinition } from '@temporalio/common';
import { findReportByCode, type ReportRow } from '../db/reports';
import type { ReportSnapshot } from '../domain/report';
import { reportWorkflowId } from '../workflows/report/messages';
import type { AppDeps } from '../api/deps';
import { startWorkflow } from './intake';
import { AppError, notFound } from '../api/errors';

export async function loadReport(deps: AppDeps, code: string): Promise<ReportRow> {
  const report = await findReportByCode(deps.pool, code);
  if (!report) throw notFound('report');
  return report;
}

export async function sendAction<Args extends unknown[]>(
  deps: AppDeps,
  report: ReportRow,
  update: UpdateDefinition<ReportSnapshot, Args>,
  ...args: Args
): Promise<void> {
  return sendActionOnce(deps, report, undefined, update, ...args);
}

/** As sendAction; with an `updateId`, Temporal applies a retried request only once. */
export async function sendActionOnce<Args extends unknown[]>(
  deps: AppDeps,
  report: ReportRow,
  updateId: string | undefined,
  update: UpdateDefinition<ReportSnapshot, Args>,
  ...args: Args
): Promise<void> {
  // Just submitted, or accepted while Temporal was down: start the process first (once, by id).
  if (!report.workflow_started_at)
    await startWorkflow(deps, report).catch(() => {
      throw new AppError(
        503,
        'process_starting',
        'Phản ánh đang được đăng ký, vui lòng thử lại sau ít giây. (This report is still being registered, please retry shortly.)',
        [],
        { 'Retry-After': '5' },
      );
    });
  const handle = deps.temporal.workflow.getHandle(reportWorkflowId(report.id));
  // The definitions are typed at the call site; the client's overloads cannot see through the generic.
  await handle.executeUpdate(update.name, { args: args as unknown as [unknown], updateId });
}
