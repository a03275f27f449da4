// Once per test run: a Temporal dev server (unless TEMPORAL_ADDRESS names one), a template
// database with the schema and seed data, and the workflow bundle built once for every worker.
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createScratchDatabase, dropScratchDatabase } from '../../db/scratch';
import { findTemporalBinary, startDevServer, type DevServer } from '../../scripts/temporalServer';
import { bundleWorkflows } from '../../worker/bundle';
import { adminDatabaseUrl } from './env';

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

async function bundle(): Promise<string> {
  const file = path.join(__dirname, '../../.data/test/workflow-bundle.js');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, await bundleWorkflows());
  return file;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cliPath = findTemporalBinary('temporal', process.env.TEMPORAL_CLI_PATH);
  let server: DevServer | undefined;
  const [address] = await Promise.all([
    process.env.TEMPORAL_ADDRESS
      ? Promise.resolve(process.env.TEMPORAL_ADDRESS)
      : startDevServer({ cliPath, port: await freePort() }).then((started) => ((server = started), started.address)),
    createScratchDatabase(adminDatabaseUrl, templateDatabase),
  ]);
  project.provide('temporalAddress', address);
  project.provide('temporalCliPath', cliPath);
  project.provide('workflowBundlePath', await bundle());
  project.provide('templateDatabase', templateDatabase);
  return async () => {
    await server?.stop();
    await dropScratchDatabase(adminDatabaseUrl, templateDatabase);
  };
}
