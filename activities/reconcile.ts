// The reconciler's activity: starts the workflow of every report that was accepted (201) while
// Temporal was unreachable. The workflow id makes a second start impossible, so this is exactly once.
// After an outage the backlog can be thousands of reports: they start in bounded parallel batches,
// and the activity heartbeats after each batch so a stuck one is retried rather than waited for.
import { Context } from '@temporalio/activity';
import { listReportsWithoutWorkflow } from '../db/reports';
import { findCategoryKind } from '../db/reference';
import { startReportProcess, type ReportStarter } from '../temporal/reports';

export interface ReconcileDeps extends ReportStarter {
  /** workflow starts in flight at once */
  parallelStarts: number;
}

export function createReconcileActivities(deps: ReconcileDeps) {
  return {
    async startMissingWorkflows(input: {
      olderThanSeconds: number;
      batch: number;
    }): Promise<{ started: number; found: number }> {
      const reports = await listReportsWithoutWorkflow(deps.pool, input.olderThanSeconds, input.batch);
      let started = 0;
      for (let from = 0; from < reports.length; from += deps.parallelStarts) {
        const batch = reports.slice(from, from + deps.parallelStarts);
        const results = await Promise.all(
          batch.map(async (report) =>
            startReportProcess(deps, report, await findCategoryKind(deps.pool, report.category_code)),
          ),
        );
        started += results.filter(Boolean).length;
        Context.current().heartbeat({ done: from + batch.length, of: reports.length });
      }
      return { started, found: reports.length };
    },
  };
}
