// `npm run worker`: one worker process on the task queue; run N of them to scale out. SIGTERM or
// SIGINT (the Temporal runtime's own handlers) lets running activities finish, then it exits.
import { readFile } from 'node:fs/promises';
import { config } from '../config';
import { createLogger } from '../logger';
import { createPool } from '../db/pool';
import { temporalTarget } from '../temporal/connect';
import { installTemporalRuntime } from '../temporal/runtime';
import { startPaknWorker } from './createWorker';

async function main(): Promise<void> {
  if (!config.databaseUrl)
    throw new Error('DATABASE_URL is required for `npm run worker` (npm start embeds a database)');
  installTemporalRuntime(config.logLevel, {
    logger: createLogger(config.logLevel),
    metricsAddress: config.workerMetricsAddress,
  });
  const target = temporalTarget(config);
  const pool = createPool(config.databaseUrl, config.databasePoolSize);
  const workflowBundle = config.workflowBundlePath
    ? { code: await readFile(config.workflowBundlePath, 'utf8') }
    : undefined;
  const { running, client, closeNotifiers } = await startPaknWorker(config, target, pool, workflowBundle);
  console.log(`worker polling task queue "${config.taskQueue}" on ${target.address}`);
  await running;
  await closeNotifiers();
  await client.connection.close();
  await pool.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
