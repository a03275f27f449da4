// A worker killed with SIGKILL while reports are in flight: a new worker finishes every report's
// step exactly once — one timeline entry per step, one outbox row per intent — and every SMS
// reaches the gateway once. The kill comes while the gateway (which, like eSMS, accepts a
// RequestId once and answers a repeat with CodeResult 124) has accepted messages whose answers
// it holds back, so the worker dies with those sends unrecorded; the new worker's retries must
// reach the gateway with the same RequestId and count as sent, with nothing delivered twice.
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
  it('then a new worker completes every report step exactly once and the gateway delivers each SMS once', async () => {
    gateway.holdAnswers();
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
    // Kill as soon as the gateway has accepted a message: its answer is held, so the send is in flight.
    await eventually(() => gateway.messages.length > 0, 60_000, 'a message accepted by the gateway');
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const inFlight = gateway.messages.map((message) => message.requestId);
    const { rows: unrecorded } = await system.pool.query(
      'SELECT dedupe_key, status, provider_message_id FROM outbox WHERE dedupe_key = ANY($1)',
      [inFlight],
    );
    expect(unrecorded).toHaveLength(inFlight.length);
    for (const row of unrecorded) expect(row).toMatchObject({ status: 'sending', provider_message_id: null });
    gateway.releaseAnswers();

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
    // The killed sends are retried when their 2-minute start-to-close timeout has passed.
    await eventually(
      async () =>
        (await system.pool.query("SELECT count(*)::int AS n FROM outbox WHERE status = 'sent' AND channel = 'sms'"))
          .rows[0].n === 40,
      240_000,
      'all SMS sent',
    );

    const { rows: steps } = await system.pool.query(
      `SELECT r.code, array_agg(e.type ORDER BY e.seq) AS types FROM reports r JOIN report_events e ON e.report_id = r.id WHERE r.code = ANY($1) GROUP BY r.code`,
      [codes],
    );
    expect(steps).toHaveLength(20);
    for (const step of steps) expect(step.types).toEqual(['submitted', 'received', 'routed']);
    const { rows: outbox } = await system.pool.query(
      "SELECT dedupe_key, template, recipient, body, provider_message_id FROM outbox WHERE channel = 'sms' ORDER BY dedupe_key",
    );
    expect(outbox.filter((row) => row.template === 'report_ack')).toHaveLength(20);
    expect(outbox.filter((row) => row.template === 'report_assigned_unit')).toHaveLength(20);
    // Delivered once each: the gateway accepted exactly one message per outbox intent, and that text.
    const delivered = [...gateway.messages].sort((a, b) => a.requestId.localeCompare(b.requestId));
    expect(delivered.map((message) => message.requestId)).toEqual(outbox.map((row) => row.dedupe_key));
    delivered.forEach((message, index) => expect(message.content).toBe(outbox[index].body));
    // The sends cut off by the kill were retried, reached the gateway again and were answered as repeats.
    for (const requestId of inFlight) {
      expect(gateway.requests.filter((request) => request.RequestId === requestId).length).toBeGreaterThanOrEqual(2);
      expect(outbox.find((row) => row.dedupe_key === requestId)!.provider_message_id).toBe(`RequestId:${requestId}`);
    }
  }, 360_000);
});
