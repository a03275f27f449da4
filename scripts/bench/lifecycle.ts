// Lifecycle bench, run by `npm run bench`: against the real system on this machine — a Temporal
// dev server, PostgreSQL, the worker and the API as separate processes — it measures
//   intake: POST /api/v1/reports at a fixed 50/s and flat out (accepted/s, latency percentiles);
//   end to end: submission to "assigned" for N reports, as reports/s (before the intake rates);
//   the baseline in the same run: start-and-complete of a one-no-op-activity workflow;
//   memory: worker and API resident memory, then again with many open report workflows.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setPriority } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { Worker, NativeConnection } from '@temporalio/worker';
import { bundleWorkflows } from '../../worker/bundle';
import { Client, Connection } from '@temporalio/client';
import { insertReport, findReportById } from '../../db/reports';
import { startReportWorkflow } from '../../temporal/reports';
import { cpuMsPer, cpuSeconds, percentile, residentMiB, round, runPool, until } from './measure';

export interface LifecycleBenchOptions {
  databaseUrl: string;
  temporalAddress: string;
  /** the Temporal dev server's process, for the CPU figures */
  temporalPid: number;
  workflowBundlePath: string;
  /** open report workflows for the memory figure (default 20,000) */
  openWorkflows: number;
  /** reports in the end-to-end figure (default 1,000, as many as the baseline's workflows) */
  endToEndReports: number;
  /** workflows in the baseline figure (default 1,000) */
  baselineWorkflows: number;
  /** measure intake rates (BENCH_INTAKE=0 skips them, for a quicker end-to-end figure) */
  intake: boolean;
  log: (line: string) => void;
}

const root = path.join(__dirname, '../..');
const profileDir = path.join(root, '.data/profiles');
const report = {
  categoryCode: 'WASTE',
  description: 'Rác thải tồn đọng trước số 12 Lê Lợi (bench).',
  location: { wardCode: 'P-SAIGON' },
};

/**
 * Runs `worker/main.ts` or `api/main.ts` as its own process with these settings. With
 * BENCH_CPU_PROFILE naming the script, that process writes V8 CPU profiles (one per thread) into
 * `.data/profiles/` when it exits: where its time went under the bench's load.
 */
export function spawnProcess(script: string, env: Record<string, string>): ChildProcess {
  const profile = process.env.BENCH_CPU_PROFILE === script ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  return spawn(process.execPath, [...profile, '--import', 'tsx', path.join(root, script)], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The baseline's rate, and its CPU per workflow: this process (worker and client), Temporal, PostgreSQL. */
async function baseline(options: LifecycleBenchOptions): Promise<{ perSecond: number; cpuMs: Record<string, number> }> {
  const connection = await NativeConnection.connect({ address: options.temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue: 'bench-noop',
    activities: { noop: async () => undefined },
    workflowBundle: { code: await bundleWorkflows(require.resolve('./noopWorkflow.ts')) },
  });
  const client = new Client({ connection: await Connection.connect({ address: options.temporalAddress }) });
  const groups = { 'worker and client': process.pid, temporal: options.temporalPid, postgres: 'postgres' as const };
  const cpuBefore = cpuSeconds(groups);
  const started = Date.now();
  await worker.runUntil(
    runPool(options.baselineWorkflows, 100, (index) =>
      client.workflow.execute('noopWorkflow', { taskQueue: 'bench-noop', workflowId: `noop-${index}-${randomUUID()}` }),
    ),
  );
  const perSecond = options.baselineWorkflows / ((Date.now() - started) / 1000);
  const cpuMs = cpuMsPer(cpuBefore, cpuSeconds(groups), options.baselineWorkflows);
  await client.connection.close();
  return { perSecond, cpuMs };
}

async function intake(baseUrl: string, overallRate: number | undefined, seconds: number) {
  const result = await autocannon({
    url: `${baseUrl}/api/v1/reports`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(report),
    connections: overallRate ? 10 : 20,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
  });
  return {
    acceptedPerSecond: round(result['2xx'] / seconds),
    non2xx: result.non2xx,
    errors: result.errors,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
  };
}

/** Intake at a fixed 50/s (worker at equal priority, then at nice 10) and flat out; backlogs drained. */
async function intakeRates(baseUrl: string, pool: pg.Pool, worker: ChildProcess, log: (line: string) => void) {
  log('  intake at 50/s for 20 s…');
  const intakeAt50PerSecond = await intake(baseUrl, 50, 20);
  // 50/s outpaces what the worker routes on this machine: CPU saturates. On one machine, the
  // worker can yield the CPU to intake (the backlog drains afterwards): measured the same way.
  await until(async () => (await pendingReports(pool)) === 0, 1_800_000, 'the intake backlog');
  log('  intake at 50/s for 20 s, worker at nice 10…');
  setPriority(worker.pid!, 10);
  const intakeAt50PerSecondWorkerNice10 = await intake(baseUrl, 50, 20);
  setPriority(worker.pid!, 0);
  log('  intake flat out for 15 s…');
  const intakeFlatOut = await intake(baseUrl, undefined, 15);
  await until(async () => (await pendingReports(pool)) === 0, 1_800_000, 'the intake backlog');
  return { intakeAt50PerSecond, intakeAt50PerSecondWorkerNice10, intakeFlatOut };
}

function intakeTable(figures: Awaited<ReturnType<typeof intakeRates>>) {
  const row = (rate: Awaited<ReturnType<typeof intake>>) => ({
    value: rate.acceptedPerSecond,
    p50: rate.p50,
    'p97.5': rate.p97_5,
    p99: rate.p99,
  });
  return {
    'intake @50/s accepted/s': row(figures.intakeAt50PerSecond),
    'intake @50/s, worker at nice 10': row(figures.intakeAt50PerSecondWorkerNice10),
    'intake flat out accepted/s': row(figures.intakeFlatOut),
  };
}

const openReports = async (pool: pg.Pool) =>
  (await pool.query("SELECT count(*)::int AS n FROM reports WHERE status IN ('assigned', 'in_progress', 'triage')"))
    .rows[0].n as number;
const pendingReports = async (pool: pg.Pool) =>
  (await pool.query("SELECT count(*)::int AS n FROM reports WHERE status = 'received'")).rows[0].n as number;

async function endToEnd(
  baseUrl: string,
  pool: pg.Pool,
  count: number,
  groups: Record<string, number | 'postgres'>,
): Promise<{ reportsPerSecond: number; latencies: number[]; cpuMs: Record<string, number> }> {
  const cpuBefore = cpuSeconds(groups);
  const started = Date.now();
  const codes = await runPool(count, 20, async () => {
    const reply = await fetch(`${baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(report),
    });
    if (reply.status !== 201) throw new Error(`bench: submission answered ${reply.status}: ${await reply.text()}`);
    return ((await reply.json()) as { code: string }).code;
  });
  await until(
    async () =>
      (await pool.query("SELECT count(*)::int AS n FROM reports WHERE code = ANY($1) AND status = 'assigned'", [codes]))
        .rows[0].n === count,
    600_000,
    'end-to-end reports',
  );
  const elapsed = (Date.now() - started) / 1000;
  const cpuMs = cpuMsPer(cpuBefore, cpuSeconds(groups), count);
  const { rows } = await pool.query(
    "SELECT extract(epoch FROM e.at - r.submitted_at) * 1000 AS ms FROM reports r JOIN report_events e ON e.report_id = r.id AND e.type = 'routed' WHERE r.code = ANY($1) ORDER BY 1",
    [codes],
  );
  return { reportsPerSecond: round(count / elapsed), latencies: rows.map((row) => Number(row.ms)), cpuMs };
}

/** Tops the open report workflows up to `target`, starting them straight on Temporal (no HTTP). */
async function openWorkflows(
  pool: pg.Pool,
  client: Client,
  target: number,
  taskQueue: string,
  log: (line: string) => void,
): Promise<void> {
  const missing = Math.max(0, target - (await openReports(pool)) - (await pendingReports(pool)));
  log(`  starting ${missing} more report workflows to reach ${target} open…`);
  await runPool(missing, 100, async () => {
    const id = randomUUID();
    await insertReport(pool, { ...reportFields, id, code: `BW-${id.slice(0, 12)}` });
    await startReportWorkflow(client, taskQueue, (await findReportById(pool, id))!, 'feedback', 1);
  });
  await until(async () => (await pendingReports(pool)) === 0, 3_600_000, 'open workflows routed');
}

/** A stored report's fields as intake writes them (the bench gives each its id and code). */
export const reportFields = {
  idempotencyKey: null,
  categoryCode: 'WASTE',
  title: null,
  description: report.description,
  wardCode: 'P-SAIGON',
  address: null,
  lat: null,
  lng: null,
  reporterName: null,
  reporterPhone: null,
  reporterEmail: null,
  reporterType: 'citizen',
  anonymous: false,
  channel: 'web',
  media: [] as string[],
};

const cpuLine = ({ total, ...groups }: Record<string, number>) => `${Object.values(groups).join(' / ')} = ${total}`;

export async function benchLifecycle(options: LifecycleBenchOptions): Promise<Record<string, unknown>> {
  const taskQueue = 'pakn-bench';
  const env = {
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    WORKFLOW_BUNDLE_PATH: options.workflowBundlePath,
    PORT: '3999',
    RATE_LIMIT_SUBMIT_PER_IP: '0',
    RATE_LIMIT_SUBMIT_PER_PHONE: '0',
  };
  const worker = spawnProcess('worker/main.ts', env);
  const api = spawnProcess('api/main.ts', env);
  const baseUrl = 'http://127.0.0.1:3999';
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 5 });
  const client = new Client({ connection: await Connection.connect({ address: options.temporalAddress }) });
  try {
    await until(async () => (await fetch(`${baseUrl}/readyz`).catch(() => null))?.ok ?? false, 120_000, 'the API');
    const idle = { worker: residentMiB(worker.pid!), api: residentMiB(api.pid!) };

    options.log(`  baseline: ${options.baselineWorkflows} no-op workflows…`);
    const bare = await baseline(options);
    const baselinePerSecond = round(bare.perSecond);
    // End to end right after the baseline, like it on a server with no report workflows open yet;
    // the intake rates below leave thousands open.
    options.log(`  end to end: ${options.endToEndReports} reports…`);
    const e2e = await endToEnd(baseUrl, pool, options.endToEndReports, {
      worker: worker.pid!,
      api: api.pid!,
      temporal: options.temporalPid,
      postgres: 'postgres',
      'load generator': process.pid,
    });
    const intakeFigures = options.intake ? await intakeRates(baseUrl, pool, worker, options.log) : undefined;
    const loaded = {
      worker: residentMiB(worker.pid!),
      api: residentMiB(api.pid!),
      openWorkflows: await openReports(pool),
    };

    await openWorkflows(pool, client, options.openWorkflows, taskQueue, options.log);
    const many = {
      worker: residentMiB(worker.pid!),
      api: residentMiB(api.pid!),
      openWorkflows: await openReports(pool),
    };

    const figures = {
      baselineWorkflowsPerSecond: baselinePerSecond,
      ...intakeFigures,
      endToEnd: {
        reportsPerSecond: e2e.reportsPerSecond,
        p50Ms: round(percentile(e2e.latencies, 50)),
        p95Ms: round(percentile(e2e.latencies, 95)),
        p99Ms: round(percentile(e2e.latencies, 99)),
        ratioToBaseline: round(e2e.reportsPerSecond / baselinePerSecond, 2),
        cpuMsPerReport: e2e.cpuMs,
        cpuRatioToBaseline: round(bare.cpuMs.total / e2e.cpuMs.total, 2),
      },
      baselineCpuMsPerWorkflow: bare.cpuMs,
      residentMiB: { idle, loaded, withOpenWorkflows: many },
    };
    console.table({
      'baseline (no-op workflow/s)': { value: baselinePerSecond },
      ...(intakeFigures ? intakeTable(intakeFigures) : {}),
      'end to end reports/s (ratio to baseline)': {
        value: e2e.reportsPerSecond,
        p50: figures.endToEnd.p50Ms,
        p95: figures.endToEnd.p95Ms,
        p99: figures.endToEnd.p99Ms,
        ratio: figures.endToEnd.ratioToBaseline,
      },
      'CPU ms per baseline workflow (worker and client / Temporal / PostgreSQL = total)': {
        value: cpuLine(bare.cpuMs),
      },
      'CPU ms per report (worker / API / Temporal / PostgreSQL / load generator = total)': {
        value: cpuLine(e2e.cpuMs),
        ratio: figures.endToEnd.cpuRatioToBaseline,
      },
      'worker RSS MiB idle / loaded / many open': {
        value: `${idle.worker} / ${loaded.worker} / ${many.worker}`,
        open: many.openWorkflows,
      },
      'API RSS MiB idle / loaded / many open': { value: `${idle.api} / ${loaded.api} / ${many.api}` },
    });
    return figures;
  } finally {
    worker.kill('SIGTERM');
    api.kill('SIGTERM');
    await client.connection.close();
    await pool.end();
  }
}
