// Flood-day bench, run by `npm run bench`: BENCH_FLOOD_REPORTS (5,000) submissions spread evenly
// over BENCH_FLOOD_SECONDS (600) through the API, then the time until the backlog has drained and
// the percentiles of submission → `assigned`. Run once per worker count in BENCH_FLOOD_WORKERS
// ("1,2": one worker process, then two against the same Temporal server and database), so the
// figures of one worker are the baseline of two in the same run.
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import pg from 'pg';
import { spawnProcess } from './lifecycle';
import { percentile, round, until } from './measure';

export interface FloodBenchOptions {
  databaseUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
  reports: number;
  seconds: number;
  workerCounts: number[];
  log: (line: string) => void;
}

const body = JSON.stringify({
  categoryCode: 'WASTE',
  description: 'Rác và bùn đọng lại sau trận ngập, chắn lối đi (bench).',
  location: { wardCode: 'P-SAIGON' },
});

/** Reports submitted since `since` that no workflow has routed yet. */
const waiting = async (pool: pg.Pool, since: Date): Promise<number> =>
  (await pool.query("SELECT count(*)::int AS n FROM reports WHERE submitted_at >= $1 AND status = 'received'", [since]))
    .rows[0].n;

interface Flood {
  workers: number;
  submitted: number;
  submittedPerSecond: number;
  non2xx: number;
  drainedAfterSeconds: number;
  p50Seconds: number;
  p99Seconds: number;
}

async function flood(options: FloodBenchOptions, pool: pg.Pool, workers: number): Promise<Flood> {
  const env = {
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_TASK_QUEUE: `pakn-bench-flood-${workers}`,
    WORKFLOW_BUNDLE_PATH: options.workflowBundlePath,
    PORT: '3998',
    RATE_LIMIT_SUBMIT_PER_IP: '0',
    RATE_LIMIT_SUBMIT_PER_PHONE: '0',
  };
  // Each worker process serves its own metrics, so each needs a port of its own on one machine.
  const processes: ChildProcess[] = Array.from({ length: workers }, (_, index) =>
    spawnProcess('worker/main.ts', { ...env, WORKER_METRICS_ADDRESS: `127.0.0.1:${19464 + index}` }),
  );
  processes.push(spawnProcess('api/main.ts', env));
  const baseUrl = 'http://127.0.0.1:3998';
  try {
    await until(async () => (await fetch(`${baseUrl}/readyz`).catch(() => null))?.ok ?? false, 120_000, 'the API');
    // One report routed first: the workers are up and polling before the flood begins.
    await fetch(`${baseUrl}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await until(async () => (await waiting(pool, new Date(0))) === 0, 300_000, 'the workers');
    const since = new Date();
    const result = await autocannon({
      url: `${baseUrl}/api/v1/reports`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections: 10,
      // Bounded by time, not by count: given `amount` (5,000 at 8.3/s) autocannon did not return after the run.
      duration: options.seconds,
      overallRate: options.reports / options.seconds,
    });
    const submitted = result['2xx'];
    await until(async () => (await waiting(pool, since)) === 0, 3_600_000, 'the flood backlog');
    const drainedAfterSeconds = (Date.now() - since.getTime()) / 1000;
    const { rows } = await pool.query(
      `SELECT extract(epoch FROM e.at - r.submitted_at) AS seconds FROM reports r
         JOIN report_events e ON e.report_id = r.id AND e.type = 'routed' WHERE r.submitted_at >= $1 ORDER BY 1`,
      [since],
    );
    const latencies = rows.map((row) => Number(row.seconds));
    return {
      workers,
      submitted,
      submittedPerSecond: round(submitted / (result.duration || options.seconds)),
      non2xx: result.non2xx,
      drainedAfterSeconds: round(drainedAfterSeconds),
      p50Seconds: round(percentile(latencies, 50), 3),
      p99Seconds: round(percentile(latencies, 99), 3),
    };
  } finally {
    for (const child of processes) child.kill('SIGTERM');
    await Promise.all(processes.map((child) => new Promise((resolve) => child.once('exit', resolve))));
  }
}

export async function benchFlood(options: FloodBenchOptions): Promise<Record<string, unknown>> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 3 });
  try {
    const runs: Flood[] = [];
    for (const workers of options.workerCounts) {
      options.log(`  ${options.reports} reports over ${options.seconds} s, ${workers} worker process(es)…`);
      runs.push(await flood(options, pool, workers));
    }
    console.table(Object.fromEntries(runs.map((run) => [`flood: ${run.workers} worker(s)`, run])));
    return { runs };
  } finally {
    await pool.end();
  }
}
