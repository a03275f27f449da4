// `npm run worker`: one worker process on the task queue; run N of them to scale out.
import { readFile } from 'node:fs/promises';
import { config } from '../config';
import { createLogger } from '../logger';
import { createPool } from '../db/pool';
import { connectClient, connectWorkerConnection, temporalTarget } from '../temporal/connect';
import { installTemporalRuntime } from '../temporal/runtime';
import { createNotifiers } from '../notify';
import { createPaknWorker, ensurePaknSchedules, notifierSettings } from './createWorker';

async function main(): Promise<void> {
  if (!config.databaseUrl)
    throw new Error('DATABASE_URL is required for `npm run worker` (npm start embeds a database)');
  installTemporalRuntime(config.logLevel, {
    logger: createLogger(config.logLevel),
    metricsAddress: config.workerMetricsAddress,
  });
  const target = temporalTarget(config);
  const pool = createPool(config.databaseUrl, config.databasePoolSize);
  const client = await connectClient(target);
  const notifiers = createNotifiers(notifierSettings(config));
  const workflowBundle = config.workflowBundlePath
    ? { code: await readFile(config.workflowBundlePath, 'utf8') }
    : undefined;
  const worker = await createPaknWorker({
    connection: await connectWorkerConnection(target),
    client,
    pool,
    config,
    notifiers,
    workflowBundle,
  });
  await ensurePaknSchedules(client, config);
  console.log(`worker polling task queue "${config.taskQueue}" on ${target.address}`);
  await worker.run();
  await notifiers.close();
  await pool.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
