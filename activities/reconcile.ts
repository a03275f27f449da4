// The reconciler's activity: starts the workflow of every report that was accepted (201) while
// Temporal was unreachable. The workflow id makes a second start impossible, so this is exactly once.
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { listReportsWithoutWorkflow, markWorkflowStarted } from '../db/reports';
import { startReportWorkflow } from '../temporal/reports';

export interface ReconcileDeps {
  pool: pg.Pool;
  client: Client;
  taskQueue: string;
  reopensToSameUnit: number;
}

export function createReconcileActivities(deps: ReconcileDeps) {
  return {
    async startMissingWorkflows(input: {
      olderThanSeconds: number;
      batch: number;
    }): Promise<{ started: number; found: number }> {
      const reports = await listReportsWithoutWorkflow(deps.pool, input.olderThanSeconds, input.batch);
      let started = 0;
      for (const report of reports) {
        if (await startReportWorkflow(deps.client, deps.pool, deps.taskQueue, report, deps.reopensToSameUnit))
          started += 1;
        await markWorkflowStarted(deps.pool, report.id);
      }
      return { started, found: reports.length };
    },
  };
}
