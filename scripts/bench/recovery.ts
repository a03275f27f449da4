// Recovery bench, run by `npm run bench`: reports accepted (201, stored) while Temporal was down
// wait with no workflow; when it is back the reconciler starts them. Measured: the time for the
// reconciler to start BENCH_RECOVERY_REPORTS (2,000) of them with parallel batches, and until all
// are routed; the baseline in the same run is the former way, one start at a time
// (RECONCILE_PARALLEL_STARTS=1), over a smaller backlog.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Client, Connection } from '@temporalio/client';
import { insertReport } from '../../db/reports';
import { reportFields, spawnProcess } from './lifecycle';
import { round, runPool, until } from './measure';

export interface RecoveryBenchOptions {
  databaseUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
  /** the backlog started with parallel batches (default 2,000) */
  reports: number;
  /** the backlog started one at a time, as before (default 100) */
  baselineReports: number;
  log: (line: string) => void;
}

interface Recovery {
  reports: number;
  startSeconds: number;
  startsPerSecond: number;
  routedSeconds: number;
}

/** Stores `count` reports as intake does while Temporal is down: no workflow, submitted a minute ago. */
async function acceptWhileDown(pool: pg.Pool, count: number): Promise<string[]> {
  const ids = await runPool(count, 10, async () => {
    const id = randomUUID();
    await insertReport(pool, { ...reportFields, id, code: `BR-${id.slice(0, 12)}` });
    return id;
  });
  await pool.query("UPDATE reports SET submitted_at = now() - interval '1 minute' WHERE id = ANY($1)", [ids]);
  return ids;
}

async function recover(
  options: RecoveryBenchOptions,
  pool: pg.Pool,
  client: Client,
  count: number,
  parallelStarts: number,
): Promise<Recovery> {
  const taskQueue = `pakn-bench-recovery-${parallelStarts}`;
  const worker = spawnProcess('worker/main.ts', {
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    WORKFLOW_BUNDLE_PATH: options.workflowBundlePath,
    RECONCILE_EVERY_SECONDS: '86400',
    RECONCILE_PARALLEL_STARTS: String(parallelStarts),
  });
  const reconcile = () =>
    client.workflow.execute('reconcileWorkflow', {
      taskQueue,
      workflowId: `bench-reconcile-${randomUUID()}`,
    }) as Promise<{
      started: number;
    }>;
  try {
    await reconcile(); // the worker is up and polling (an empty backlog)
    const ids = await acceptWhileDown(pool, count);
    const begun = Date.now();
    const { started } = await reconcile();
    const startSeconds = (Date.now() - begun) / 1000;
    if (started !== count) throw new Error(`bench: the reconciler started ${started} of ${count}`);
    await until(
      async () =>
        (await pool.query("SELECT count(*)::int AS n FROM reports WHERE id = ANY($1) AND status = 'assigned'", [ids]))
          .rows[0].n === count,
      1_800_000,
      'the recovered reports routed',
    );
    const routedSeconds = (Date.now() - begun) / 1000;
    return {
      reports: count,
      startSeconds: round(startSeconds),
      startsPerSecond: round(count / startSeconds),
      routedSeconds: round(routedSeconds),
    };
  } finally {
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
  }
}

export async function benchRecovery(options: RecoveryBenchOptions): Promise<Record<string, unknown>> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
  const client = new Client({ connection: await Connection.connect({ address: options.temporalAddress }) });
  try {
    options.log(`  baseline: ${options.baselineReports} waiting reports started one at a time…`);
    const baseline = await recover(options, pool, client, options.baselineReports, 1);
    options.log(`  ${options.reports} waiting reports started in parallel batches of 20…`);
    const parallel = await recover(options, pool, client, options.reports, 20);
    console.table({
      'recovery: reconciler, one at a time (baseline)': baseline,
      'recovery: reconciler, parallel batches of 20': parallel,
    });
    return { baseline, parallel, speedup: round(parallel.startsPerSecond / baseline.startsPerSecond, 1) };
  } finally {
    await client.connection.close();
    await pool.end();
  }
}
