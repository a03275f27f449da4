// Once per test run: a Temporal dev server (unless TEMPORAL_ADDRESS names one), a template
// database with the schema and seed data, and the workflow bundle built once for every worker.
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../db/migrate';
import { seed } from '../../db/seed';
import { findTemporalBinary, startDevServer, type DevServer } from '../../scripts/temporalServer';
import { adminDatabaseUrl, databaseUrl } from './env';

// Unique per run, so that several runs on one machine (or one PostgreSQL) never collide.
const templateDatabase = `pakn_template_${process.pid}`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminDatabaseUrl });
  await admin.connect();
  await admin.query(sql).finally(() => admin.end());
}

async function createTemplateDatabase(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${templateDatabase}`);
  const pool = new pg.Pool({ connectionString: databaseUrl(templateDatabase) });
  await migrate(pool);
  await seed(pool);
  await pool.end();
}

async function bundle(): Promise<string> {
  const output = path.join(__dirname, '../../.data/test');
  mkdirSync(output, { recursive: true });
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows/index.ts'), logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } });
  const file = path.join(output, 'workflow-bundle.js');
  writeFileSync(file, code);
  return file;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cliPath = findTemporalBinary('temporal', process.env.TEMPORAL_CLI_PATH);
  let server: DevServer | undefined;
  const [address] = await Promise.all([
    process.env.TEMPORAL_ADDRESS
      ? Promise.resolve(process.env.TEMPORAL_ADDRESS)
      : startDevServer({ cliPath, port: await freePort() }).then((started) => ((server = started), started.address)),
    createTemplateDatabase(),
  ]);
  project.provide('temporalAddress', address);
  project.provide('temporalCliPath', cliPath);
  project.provide('workflowBundlePath', await bundle());
  project.provide('templateDatabase', templateDatabase);
  return async () => {
    await server?.stop();
    await adminQuery(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
  };
}
