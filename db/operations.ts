// The figures the people on call watch (exported as Prometheus gauges by api/metrics.ts): open,
// overdue and in-triage reports, how long triage has kept a report waiting, the outbox's pending
// and failed messages per channel, and the reconciler's backlog. Each query reads an index
// (status, the not-started partial index), so a scrape costs the same on a million reports.
import type { Db } from './pool';
import { query } from './pool';
import { openStatuses } from '../domain/report';

export interface OperationalFigures {
  /** open reports per status, and how many of them are past their deadline */
  open: Array<{ status: string; reports: number; overdue: number }>;
  /** seconds the report that has waited longest in triage has waited (0: none waits) */
  triageOldestSeconds: number;
  /** outbox messages not yet handed to a provider (queued, sending) and those that failed, per channel */
  outbox: Array<{ channel: string; pending: number; failed: number }>;
  /** reports accepted without a workflow (Temporal was unreachable), and the age of the oldest */
  unstarted: { reports: number; oldestSeconds: number };
}

export async function readOperationalFigures(db: Db): Promise<OperationalFigures> {
  const [open, [triage], outbox, [unstarted]] = await Promise.all([
    query<{ status: string; reports: number; overdue: number }>(
      db,
      `SELECT status, count(*) AS reports, count(*) FILTER (WHERE overdue) AS overdue
         FROM reports WHERE status = ANY($1) GROUP BY status`,
      [openStatuses],
    ),
    // A report enters triage at its latest 'triaged' step (re-opens and transfers come back to it).
    query<{ seconds: number | null }>(
      db,
      `SELECT extract(epoch FROM now() - min(since))::float8 AS seconds FROM (
         SELECT coalesce((SELECT max(e.at) FROM report_events e WHERE e.report_id = r.id AND e.type = 'triaged'),
                         r.submitted_at) AS since
           FROM reports r WHERE r.status = 'triage') waiting`,
    ),
    query<{ channel: string; pending: number; failed: number }>(
      db,
      `SELECT channel, count(*) FILTER (WHERE status IN ('queued', 'sending')) AS pending,
              count(*) FILTER (WHERE status = 'failed') AS failed
         FROM outbox WHERE status IN ('queued', 'sending', 'failed') GROUP BY channel`,
    ),
    query<{ reports: number; seconds: number | null }>(
      db,
      `SELECT count(*) AS reports, extract(epoch FROM now() - min(submitted_at))::float8 AS seconds
         FROM reports WHERE workflow_started_at IS NULL`,
    ),
  ]);
  return {
    open,
    triageOldestSeconds: triage.seconds ?? 0,
    outbox,
    unstarted: { reports: unstarted.reports, oldestSeconds: unstarted.seconds ?? 0 },
  };
}
