// `npm run api`: the HTTP API process. Several can run behind a load balancer. On SIGTERM or SIGINT
// it stops accepting, answers the requests in flight, then closes its Temporal and database
// connections; a report whose workflow start was cut short is started by the reconciler.
import { config } from '../config';
import { createLogger } from '../logger';
import { createPool } from '../db/pool';
import { connectClient, temporalTarget } from '../temporal/connect';
import { buildApp } from './app';
import { closeServer } from './closeServer';

async function main(): Promise<void> {
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required for `npm run api` (npm start embeds a database)');
  const logger = createLogger(config.logLevel);
  const pool = createPool(config.databaseUrl, config.databasePoolSize);
  const temporal = await connectClient(temporalTarget(config));
  const server = buildApp({ pool, temporal, config, logger }).listen(config.port, () =>
    logger.info(`API listening on http://localhost:${config.port}`),
  );
  const shutdown = async (signal: string) => {
    logger.info(`${signal}: closing the API`);
    await closeServer(server);
    await temporal.connection.close();
    await pool.end();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, (name) => void shutdown(name));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
