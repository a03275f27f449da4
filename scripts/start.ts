// `npm start`: the whole system on one machine with embedded defaults — a Temporal dev server
// (unless TEMPORAL_ADDRESS is set) persisted under .data/ with its web UI, PostgreSQL (DATABASE_URL,
// else an embedded PostgreSQL server with its cluster under .data/), migrations and demo data, one
// worker and the API.
import path from 'node:path';
import { config } from '../config';
import { createLogger } from '../logger';
import { buildApp } from '../api/app';
import { createPool } from '../db/pool';
import { migrate } from '../db/migrate';
import { seed } from '../db/seed';
import staff from '../db/seed/staff.json';
import { demoStaffPassword } from '../usecases/staffAccounts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../db/embedded';
import { closeServer } from '../api/closeServer';
import { temporalTarget } from '../temporal/connect';
import { installTemporalRuntime } from '../temporal/runtime';
import { startPaknWorker } from '../worker/createWorker';
import { findTemporalBinary, startDevServer, type DevServer } from './temporalServer';

async function startTemporal(): Promise<{ address: string; server?: DevServer }> {
  if (config.temporalAddress) return { address: config.temporalAddress };
  const cliPath = findTemporalBinary('temporal', config.temporalCliPath);
  console.log('starting the Temporal dev server (about 15 s on first start)…');
  const server = await startDevServer({
    cliPath,
    port: config.temporalDevPort,
    uiPort: config.temporalUiPort,
    dbFile: path.resolve(config.dataDir, 'temporal.db'),
  });
  return { address: server.address, server };
}

async function startDatabase(): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const embedded = await startEmbeddedDatabase(path.resolve(config.dataDir, 'postgres'), config.embeddedDatabasePort);
  return { url: embedded.url, embedded };
}

/** One demo account per role: 'op-1 (operator), coord-1 (coordinator), …'. */
function demoLogins(): string {
  const firstOfRole = new Map<string, string>();
  for (const person of staff) if (!firstOfRole.has(person.role)) firstOfRole.set(person.role, person.id);
  return [...firstOfRole].map(([role, id]) => `${id} (${role})`).join(', ');
}

async function main(): Promise<void> {
  const logger = createLogger(config.logLevel);
  installTemporalRuntime(config.logLevel, { logger, metricsAddress: config.workerMetricsAddress });
  const [temporal, database] = await Promise.all([startTemporal(), startDatabase()]);
  const pool = createPool(database.url, config.databasePoolSize);
  const applied = await migrate(pool);
  await seed(pool);

  const target = temporalTarget(config, temporal.address);
  const { client, running, closeNotifiers } = await startPaknWorker(config, target, pool);
  const server = buildApp({ pool, temporal: client, config, logger }).listen(config.port);
  await new Promise((resolve) => server.once('listening', resolve));

  console.log(
    [
      '',
      'PAKN is up:',
      `  API            http://localhost:${config.port}/api/v1/categories`,
      `  OpenAPI        http://localhost:${config.port}/openapi.json  (browse: /docs)`,
      `  Temporal       ${temporal.address}${temporal.server ? `  (web UI http://localhost:${config.temporalUiPort})` : ''}`,
      `  Database       ${database.embedded ? `embedded PostgreSQL at ${database.url}  (log ${database.embedded.logFile})` : 'DATABASE_URL'}${applied.length ? ` (applied ${applied.join(', ')})` : ''}`,
      `  Pages          http://localhost:${config.port}/  (staff: /staff/sign-in)`,
      `  Demo sign-in   password "${demoStaffPassword}" for ${demoLogins()}`,
      `  Staff token    npm run token -- --role unit_staff --unit P-SAIGON`,
      '',
    ].join('\n'),
  );

  // The Temporal runtime's own handler for these signals shuts the worker down; this waits for it.
  const shutdown = async () => {
    await Promise.all([closeServer(server), running]);
    await closeNotifiers();
    await client.connection.close();
    await pool.end();
    await database.embedded?.stop();
    await temporal.server?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
