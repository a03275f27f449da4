// A whole PAKN system for one test file: its own database (copied from the seeded template), a
// worker on its own task queue against the shared dev server, and the API on a loopback port.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { Worker } from '@temporalio/worker';
import { installTemporalRuntime } from '../../temporal/runtime';
import type { Client } from '@temporalio/client';
import { loadConfig, type Config } from '../../config';
import { createPool } from '../../db/pool';
import { createScratchDatabase, databaseUrlOf, dropScratchDatabase } from '../../db/scratch';
import { buildApp } from '../../api/app';
import { signStaffToken } from '../../api/auth';
import { createPaknWorker } from '../../worker/createWorker';
import { connectClient, connectWorkerConnection, temporalTarget } from '../../temporal/connect';
import type { StaffRole } from '../../domain/roles';
import { adminDatabaseUrl } from './env';

export interface TestSystem {
  config: Config;
  pool: pg.Pool;
  client: Client;
  baseUrl: string;
  databaseName: string;
  /** starts (or restarts) the worker; stopWorker() shuts it down gracefully */
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A database of its own for one test file: a copy of the run's migrated and seeded template, or,
 * on another server (`adminUrl`), migrated and seeded there.
 */
export async function createTestDatabase(adminUrl = adminDatabaseUrl): Promise<string> {
  const name = `pakn_t_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const template = adminUrl === adminDatabaseUrl ? inject('templateDatabase') : undefined;
  await createScratchDatabase(adminUrl, name, template);
  return name;
}

export const dropTestDatabase = (name: string, adminUrl = adminDatabaseUrl): Promise<void> =>
  dropScratchDatabase(adminUrl, name);

export function workflowBundle() {
  return { code: readFileSync(inject('workflowBundlePath'), 'utf8') };
}

let runtimeInstalled = false;
/** Runtime.install may run once per process (the first call wins); keep the SDK's own logs to errors. */
export function quietRuntime(metricsAddress = 'off'): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  installTemporalRuntime('error', { metricsAddress });
}

/** `adminUrl`: the PostgreSQL server to create the system's database in (default: the tests' one). */
export async function startTestSystem(
  overrides: Record<string, string> = {},
  adminUrl = adminDatabaseUrl,
): Promise<TestSystem> {
  quietRuntime();
  const databaseName = await createTestDatabase(adminUrl);
  const config = loadConfig({
    DATABASE_URL: databaseUrlOf(adminUrl, databaseName),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `pakn-test-${databaseName}`,
    RECONCILE_EVERY_SECONDS: '3600',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  const pool = createPool(config.databaseUrl as string, 5);
  const client = await connectClient(temporalTarget(config));
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const system: TestSystem = {
    config,
    pool,
    client,
    databaseName,
    baseUrl: '',
    async startWorker() {
      const connection = await connectWorkerConnection(temporalTarget(config));
      worker = await createPaknWorker({ connection, client, pool, config, workflowBundle: workflowBundle() });
      running = worker.run().finally(() => connection.close());
    },
    async stopWorker() {
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
    async stop() {
      await system.stopWorker();
      server.close();
      await client.connection.close();
      await pool.end();
      await dropTestDatabase(databaseName, adminUrl);
    },
  };
  await system.startWorker();
  const app = buildApp({ pool, temporal: client, config, logger: pino({ level: 'silent' }) });
  const server: Server = await new Promise((resolve) => {
    // PORT given: the test needs the address in advance (an OpenID Connect redirect URI); else any free port.
    const listening = app.listen(overrides.PORT ? config.port : 0, '127.0.0.1', () => resolve(listening));
  });
  system.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return system;
}

export interface ApiReply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small HTTP client for the tests: JSON in, JSON out, optional bearer or report token. */
export async function call<T = any>(
  system: TestSystem,
  method: string,
  path: string,
  options: {
    body?: unknown;
    token?: string;
    reportToken?: string;
    headers?: Record<string, string>;
    raw?: string;
    /** a multipart/form-data body (fetch sets the content type and boundary) */
    form?: FormData;
  } = {},
): Promise<ApiReply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.reportToken) headers['x-report-token'] = options.reportToken;
  const response = await fetch(`${system.baseUrl}${path}`, {
    method,
    headers,
    body: options.form ?? options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    body: type.includes('json') && text ? JSON.parse(text) : text,
    headers: response.headers,
  };
}

export function staffToken(
  system: TestSystem,
  role: StaffRole,
  unit: string,
  sub = `${role}@${unit}`,
): Promise<string> {
  return signStaffToken(system.config, { sub, role, unit });
}

export { eventually } from './eventually';
