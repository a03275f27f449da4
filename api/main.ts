// `npm run api`: the HTTP API process. Several can run behind a load balancer.
import { config } from '../config';
import { createLogger } from '../logger';
import { createPool } from '../db/pool';
import { connectClient, temporalTarget } from '../temporal/connect';
import { buildApp } from './app';

async function main(): Promise<void> {
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required for `npm run api` (npm start embeds a database)');
  const logger = createLogger(config.logLevel);
  const pool = createPool(config.databaseUrl, config.databasePoolSize);
  const temporal = await connectClient(temporalTarget(config));
  buildApp({ pool, temporal, config, logger }).listen(config.port, () =>
    logger.info(`API listening on http://localhost:${config.port}`),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
