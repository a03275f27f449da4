// A worker killed with SIGKILL while reports are in flight: a new worker finishes every report's
// step exactly once — one timeline entry per step, one outbox row per intent, and the SMS
// gateway (which de-duplicates by request id, like eSMS) accepts each message once.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, eventually, startTestSystem, type TestSystem } from '../support/system';
import { startHttpGateway } from '../peers/httpGateway';

let system: TestSystem;
let gateway: Awaited<ReturnType<typeof startHttpGateway>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  gateway = await startHttpGateway();
  system = await startTestSystem();
  await system.stopWorker(); // this file's worker runs in child processes that can be killed
});
afterAll(async () => {
  children.forEach((child) => child.kill('SIGKILL'));
  await system?.stop();
  await gateway?.close();
});

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../worker/main.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: system.config.databaseUrl,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: system.config.taskQueue,
      WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
      RECONCILE_EVERY_SECONDS: '3600',
      SMS_PROVIDER: 'http',
      SMS_HTTP_URL: gateway.url,
      SMS_HTTP_API_KEY: 'test-api-key',
      SMS_HTTP_SECRET_KEY: 'test-secret-key',
    },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

describe('when the worker is killed with reports in flight', () => {
  it('then a new worker completes every report step exactly once', async () => {
    const first = startWorkerProcess();
    const body = {
      categoryCode: 'WASTE',
      description: 'Rác thải tồn đọng cần thu gom gấp.',
      location: { wardCode: 'P-SAIGON' },
      reporter: { phone: '0912345678' },
    };
    const codes: string[] = [];
    for (let index = 0; index < 20; index += 1) {
      const reply = await call(system, 'POST', '/api/v1/reports', { body });
      expect(reply.status).toBe(201);
      codes.push(reply.body.code);
    }
    // Kill as soon as the worker has begun: some reports routed, others not yet.
    await eventually(
      async () =>
        (await system.pool.query("SELECT count(*)::int AS n FROM report_events WHERE type = 'received'")).rows[0].n > 0,
      60_000,
      'first steps',
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    startWorkerProcess();
    await eventually(
      async () => {
        const { rows } = await system.pool.query(
          "SELECT count(*)::int AS n FROM reports WHERE status = 'assigned' AND code = ANY($1)",
          [codes],
        );
        return rows[0].n === codes.length;
      },
      90_000,
      'all reports routed',
    );
    await eventually(
      async () =>
        (await system.pool.query("SELECT count(*)::int AS n FROM outbox WHERE status = 'sent' AND channel = 'sms'"))
          .rows[0].n === 40,
      90_000,
      'all SMS sent',
    );

    const { rows: steps } = await system.pool.query(
      `SELECT r.code, array_agg(e.type ORDER BY e.seq) AS types FROM reports r JOIN report_events e ON e.report_id = r.id WHERE r.code = ANY($1) GROUP BY r.code`,
      [codes],
    );
    expect(steps).toHaveLength(20);
    for (const step of steps) expect(step.types).toEqual(['submitted', 'received', 'routed']);
    const { rows: outbox } = await system.pool.query(
      "SELECT template, count(*)::int AS n FROM outbox WHERE channel = 'sms' GROUP BY template ORDER BY template",
    );
    expect(outbox).toEqual([
      { template: 'report_ack', n: 20 },
      { template: 'report_assigned_unit', n: 20 },
    ]);
    expect(gateway.messages).toHaveLength(40);
    expect(new Set(gateway.messages.map((message) => message.requestId)).size).toBe(40);
  });
});
