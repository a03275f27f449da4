// Leadership bench, run by `npm run bench` (scripts/bench.ts): in a scratch database holding
// 1,000,000 reports, the weekly summary aggregation per scope (the city root and every ward)
// against a plain count(*) of the same week, the whole Friday run (every scope, texts rendered,
// messages queued); then a directive on N open report workflows on Temporal, timed until every
// report workflow has recorded it. Prints a table, returns the figures.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Client } from '@temporalio/client';
import { loadConfig } from '../../config';
import { createPool } from '../../db/pool';
import { installTemporalRuntime } from '../../temporal/runtime';
import { createScratchDatabase, dropScratchDatabase } from '../../db/scratch';
import { countReceived, loadScopeSummary } from '../../db/stats';
import { saveSummaryRecipient } from '../../db/summaries';
import { summaryWeek } from '../../domain/weeklySummary';
import { createSummaryActivities } from '../../activities/summary';
import { createNotifiers } from '../../notify';
import { connectClient, connectWorkerConnection, temporalTarget } from '../../temporal/connect';
import { issueDirective } from '../../temporal/directives';
import { startReportWorkflow } from '../../temporal/reports';
import { createPaknWorker } from '../../worker/createWorker';
import { directiveWorkflowId } from '../../workflows/directive/messages';
import { reportWorkflowId } from '../../workflows/report/messages';
import { findTemporalBinary, startDevServer, type DevServer } from '../temporalServer';
import { fillReports } from './fillReports';

export interface LeadershipBenchOptions {
  /** a PostgreSQL URL allowed to create and drop databases (the scratch database lives next to it) */
  adminDatabaseUrl: string;
  /** a Temporal frontend; unset: a dev server (in memory) is started for the run */
  temporalAddress?: string;
  /** reports in the scratch database (default 1,000,000) */
  reports?: number;
  /** open report workflows one directive targets (default 500; 5,000 takes minutes on 2 cores) */
  directiveTargets?: number;
  /** repetitions per aggregation, the median is reported (default 3) */
  repeats?: number;
  log?: (line: string) => void;
}

const HOUR = 3_600_000;

export async function benchLeadership(opts: LeadershipBenchOptions): Promise<Record<string, unknown>> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const reports = opts.reports ?? 1_000_000;
  const targets = opts.directiveTargets ?? 500;
  const name = `pakn_bench_${randomBytes(5).toString('hex')}`;
  const url = new URL(await createScratchDatabase(opts.adminDatabaseUrl, name));
  const pool = createPool(url.toString(), 10);
  try {
    // The week of the last Friday 15:00 in Ho Chi Minh City; the data runs up to it.
    const week = summaryWeek(lastFriday15h(Date.now()));
    const fillMs = await timed(() => fillReports(pool, reports, new Date(week.to)));
    log(`filled ${reports.toLocaleString('en')} reports in ${(fillMs / 1000).toFixed(1)} s`);
    const figures: Record<string, unknown> = {
      reports,
      fillSeconds: round(fillMs / 1000),
      ...(await benchSummaries(pool, week, opts.repeats ?? 3)),
    };
    Object.assign(figures, await benchDirective(pool, url.toString(), opts.temporalAddress, targets, log));
    printTable(figures, log);
    return figures;
  } finally {
    await pool.end();
    await dropScratchDatabase(opts.adminDatabaseUrl, name);
  }
}

async function benchSummaries(
  pool: pg.Pool,
  week: { from: number; to: number },
  repeats: number,
): Promise<Record<string, unknown>> {
  const scopes = (
    await pool.query<{ code: string }>(
      "SELECT code FROM units WHERE (parent_code IS NULL OR type IN ('ward', 'commune', 'special_zone')) AND valid_to IS NULL ORDER BY path",
    )
  ).rows.map((row) => row.code);
  const period = { from: new Date(week.from), to: new Date(week.to) };
  const asOf = new Date(week.to);
  const summaryMs: number[] = [];
  const countMs: number[] = [];
  for (const code of scopes) {
    summaryMs.push(median(await repeat(repeats, () => loadScopeSummary(pool, code, week, asOf, 3))));
    countMs.push(median(await repeat(repeats, () => countReceived(pool, period))));
  }
  const weekReports = await countReceived(pool, period);
  // The Friday run: one recipient per scope, every summary rendered and queued in the outbox.
  for (const code of scopes)
    await saveSummaryRecipient(pool, {
      id: `bench-${code}`,
      name: `Bench ${code}`,
      phone: '+84900000999',
      email: 'bench@pakn.example',
      scopeUnitCode: code,
      active: true,
    });
  const { queueWeeklySummaries } = createSummaryActivities({ pool, smsMaxParts: 2, worstUnits: 3 });
  let queued = 0;
  const fridayMs = await timed(async () => {
    queued = (await queueWeeklySummaries(week)).outboxIds.length;
  });
  return {
    weekReports,
    scopes: scopes.length,
    cityRootSummaryMs: round(summaryMs[0]),
    cityRootCountMs: round(countMs[0]),
    wardSummaryMsMedian: round(median(summaryMs.slice(1))),
    wardSummaryMsMax: round(Math.max(...summaryMs.slice(1))),
    wardCountMsMedian: round(median(countMs.slice(1))),
    fridayRunSeconds: round(fridayMs / 1000),
    fridayRunMessagesQueued: queued,
  };
}

async function benchDirective(
  pool: pg.Pool,
  databaseUrl: string,
  temporalAddress: string | undefined,
  targets: number,
  log: (line: string) => void,
): Promise<Record<string, unknown>> {
  try {
    installTemporalRuntime('warn');
  } catch {
    // installed already by the caller
  }
  let server: DevServer | undefined;
  const address =
    temporalAddress ??
    (server = await startDevServer({
      cliPath: findTemporalBinary('temporal'),
      port: 17_000 + Math.floor(Math.random() * 2_000),
    })).address;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: `pakn-bench-${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'silent',
    DIRECTIVE_MAX_TARGETS: String(targets),
  });
  const client = await connectClient(temporalTarget(config));
  const notifiers = createNotifiers({
    smsProvider: 'dev',
    brandname: config.smsBrandname,
    emailFrom: config.emailFrom,
    log: () => {},
  });
  const worker = await createPaknWorker({
    connection: await connectWorkerConnection(temporalTarget(config)),
    client,
    pool,
    config,
    notifiers,
  });
  const running = worker.run();
  const started: string[] = [];
  const directiveId = randomUUID();
  try {
    const openMs = await timed(() => openReportWorkflows(pool, client, config.taskQueue, targets, started));
    log(`${targets} report workflows routed in ${(openMs / 1000).toFixed(1)} s`);
    const leader = {
      kind: 'staff' as const,
      id: 'leader-1',
      role: 'leader' as const,
      unitCode: 'HCM',
      unitPath: '/HCM/',
    };
    const t0 = Date.now();
    const issued = await issueDirective(client, config.taskQueue, {
      directiveId,
      leader,
      target: {},
      instruction: 'Bench: xử lý dứt điểm',
      dueAt: Date.now() + 24 * HOUR,
      defaultDue: config.directiveDue,
      maxTargets: targets,
    });
    const issuedMs = Date.now() - t0;
    await waitFor(
      async () =>
        (
          await pool.query<{ n: number }>(
            "SELECT count(*) AS n FROM report_events WHERE type = 'directive' AND details->>'directiveId' = $1",
            [directiveId],
          )
        ).rows[0].n >= targets,
      20 * 60_000,
    );
    const recordedMs = Date.now() - t0;
    return {
      directiveTargets: issued.targets,
      reportWorkflowsRoutedPerSecond: round(targets / (openMs / 1000)),
      directiveIssuedMs: issuedMs,
      directiveAllRecordedSeconds: round(recordedMs / 1000),
      directiveRecordsPerSecond: round(targets / (recordedMs / 1000)),
    };
  } finally {
    if (!server)
      await Promise.all(
        [...started, directiveWorkflowId(directiveId)].map((id) =>
          client.workflow
            .getHandle(id)
            .terminate('bench over')
            .catch(() => undefined),
        ),
      );
    worker.shutdown();
    await running;
    await notifiers.close();
    await client.connection.close();
    await server?.stop();
  }
}

/** Inserts `count` waste reports across the wards, starts their workflows and waits until each is routed. */
async function openReportWorkflows(
  pool: pg.Pool,
  client: Client,
  taskQueue: string,
  count: number,
  started: string[],
): Promise<void> {
  const { rows } = await pool.query(
    `INSERT INTO reports (id, code, category_code, description, ward_code)
     SELECT gen_random_uuid(), 'BD-' || lpad(g::text, 6, '0'), 'WASTE', 'Bench: rác tồn đọng trên vỉa hè', w.codes[1 + g % cardinality(w.codes)]
       FROM generate_series(1, $1) g,
            (SELECT array_agg(code ORDER BY code) AS codes FROM units WHERE type = 'ward' AND valid_to IS NULL) w
     RETURNING *`,
    [count],
  );
  for (let i = 0; i < rows.length; i += 50) {
    await Promise.all(
      rows.slice(i, i + 50).map(async (report) => {
        await startReportWorkflow(client, taskQueue, report, 'feedback', 1);
        started.push(reportWorkflowId(report.id));
      }),
    );
  }
  await pool.query("UPDATE reports SET workflow_started_at = now() WHERE code LIKE 'BD-%'");
  await waitFor(
    async () =>
      (
        await pool.query<{ n: number }>(
          "SELECT count(*) AS n FROM reports WHERE code LIKE 'BD-%' AND status = 'assigned'",
        )
      ).rows[0].n >= count,
    20 * 60_000,
  );
}

function lastFriday15h(now: number): number {
  const friday = Date.parse('2026-01-02T08:00:00Z'); // a Friday, 15:00 in Ho Chi Minh City
  const week = 7 * 24 * HOUR;
  return friday + Math.floor((now - friday) / week) * week;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function repeat(times: number, work: () => Promise<unknown>): Promise<number[]> {
  const results: number[] = [];
  for (let i = 0; i < times; i++) results.push(await timed(work));
  return results;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench: gave up after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number) => Math.round(value * 100) / 100;

function printTable(figures: Record<string, unknown>, log: (line: string) => void): void {
  const width = Math.max(...Object.keys(figures).map((key) => key.length));
  log('leadership bench');
  for (const [key, value] of Object.entries(figures)) log(`  ${key.padEnd(width)}  ${String(value)}`);
}
