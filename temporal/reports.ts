// Starting a report's workflow from its stored row: used at intake and by the reconciler, so
// both start exactly the same process under the same workflow id (which makes it happen once).
// The routing facts are set here, once, from the report and its category's kind (which intake has
// just read, and the reconciler looks up); every routing decision of the process (rules, transfers,
// a coordinator's choice) reads the same facts.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type pg from 'pg';
import type { CategoryRow } from '../db/reference';
import { markWorkflowStarted, type ReportRow } from '../db/reports';
import { routingFacts } from '../rules/evaluate';
import { reportWorkflowId, type ReportWorkflowInput } from '../workflows/report/messages';

export function reportWorkflowInput(
  report: ReportRow,
  categoryKind: CategoryRow['kind'],
  reopensToSameUnit: number,
): ReportWorkflowInput {
  return {
    reportId: report.id,
    code: report.code,
    reopensToSameUnit,
    facts: routingFacts(report, categoryKind),
  };
}

/** Starts the workflow unless it already runs or ran; true when this call started it. */
export async function startReportWorkflow(
  client: Client,
  taskQueue: string,
  report: ReportRow,
  categoryKind: CategoryRow['kind'],
  reopensToSameUnit: number,
): Promise<boolean> {
  try {
    await client.workflow.start('reportWorkflow', {
      taskQueue,
      workflowId: reportWorkflowId(report.id),
      args: [reportWorkflowInput(report, categoryKind, reopensToSameUnit)],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return true;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw error;
  }
}

export interface ReportStarter {
  client: Client;
  pool: pg.Pool;
  taskQueue: string;
  reopensToSameUnit: number;
}

/**
 * Starts the report's workflow unless it runs or ran, then records in the report that it has one
 * (so the reconciler leaves it alone); true when this call started it.
 */
export async function startReportProcess(
  starter: ReportStarter,
  report: ReportRow,
  categoryKind: CategoryRow['kind'],
): Promise<boolean> {
  const started = await startReportWorkflow(
    starter.client,
    starter.taskQueue,
    report,
    categoryKind,
    starter.reopensToSameUnit,
  );
  await markWorkflowStarted(starter.pool, report.id);
  return started;
}
