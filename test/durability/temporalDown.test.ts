// Temporal is down when citizens submit: every report is still accepted (201) and stored, and
// once Temporal is back the reconciler (a Temporal Schedule) starts each workflow exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { ensurePaknSchedules } from '../../worker/createWorker';
import { reconcileSchedule } from '../../temporal/schedules';
import { startDevServer, type DevServer } from '../../scripts/temporalServer';
import { freePort } from '../support/globalSetup';
import { call, eventually, startTestSystem, type TestSystem } from '../support/system';

let system: TestSystem;
let server: DevServer;
let port: number;
const dataDir = mkdtempSync(path.join(tmpdir(), 'pakn-temporal-'));
const startServer = () =>
  startDevServer({ cliPath: inject('temporalCliPath'), port, dbFile: path.join(dataDir, 'temporal.db') });

beforeAll(async () => {
  port = await freePort();
  server = await startServer();
  system = await startTestSystem({ TEMPORAL_ADDRESS: server.address });
}, 180_000);
afterAll(async () => {
  await system?.stop();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const body = {
  categoryCode: 'STREETLIGHT',
  description: 'Đèn đường không sáng ở đầu hẻm 12.',
  location: { wardCode: 'P-BENTHANH' },
};

describe('when Temporal is unreachable at intake', () => {
  it('then reports are accepted and stored, and started exactly once when it is back', async () => {
    server.process.kill('SIGKILL');
    await server.stop();

    const codes: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const reply = await call(system, 'POST', '/api/v1/reports', { body });
      expect(reply.status).toBe(201);
      codes.push(reply.body.code);
    }
    const stored = await system.pool.query(
      'SELECT code, status, workflow_started_at FROM reports WHERE code = ANY($1)',
      [codes],
    );
    expect(stored.rows).toHaveLength(5);
    expect(stored.rows.every((row) => row.status === 'received' && row.workflow_started_at === null)).toBe(true);

    server = await startServer();
    await ensurePaknSchedules(system.client, system.config);
    const schedule = system.client.schedule.getHandle(reconcileSchedule(system.config.taskQueue, 1).scheduleId);
    await new Promise((resolve) => setTimeout(resolve, 5_000)); // reports younger than 5 s are left to the API
    await schedule.trigger();
    await eventually(
      async () => {
        const { rows } = await system.pool.query(
          "SELECT count(*)::int AS n FROM reports WHERE code = ANY($1) AND status = 'assigned'",
          [codes],
        );
        return rows[0].n === 5;
      },
      120_000,
      'reports routed after Temporal came back',
    );

    await schedule.trigger();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const { rows } = await system.pool.query(
      "SELECT r.code, count(*)::int AS received FROM reports r JOIN report_events e ON e.report_id = r.id AND e.type = 'received' WHERE r.code = ANY($1) GROUP BY r.code",
      [codes],
    );
    expect(rows.map((row) => row.received)).toEqual([1, 1, 1, 1, 1]);
  });
});
