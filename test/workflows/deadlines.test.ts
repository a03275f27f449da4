// Deadlines that span days, on Temporal's time-skipping server with the real activities and a
// real database: reminders, the accept clock, overdue, the escalation ladder, an approved
// extension moving every timer, the rating window closing an unrated report, and the coordinator
// desk's triage clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import pg from 'pg';
import { loadConfig } from '../../config';
import { createPool } from '../../db/pool';
import { insertReport, findReportById } from '../../db/reports';
import { findUnit } from '../../db/reference';
import type { StaffActor } from '../../domain/roles';
import { createPaknWorker } from '../../worker/createWorker';
import { findTemporalBinary } from '../../scripts/temporalServer';
import { reportWorkflowInput } from '../../temporal/reports';
import * as messages from '../../workflows/report/messages';
import { createTestDatabase, dropTestDatabase, quietRuntime, workflowBundle } from '../support/system';
import { storedReport } from '../support/reports';
import { databaseUrl } from '../support/env';

let env: TestWorkflowEnvironment;
let pool: pg.Pool;
let worker: Worker;
let running: Promise<void>;
let databaseName: string;
const config = () =>
  loadConfig({ TEMPORAL_TASK_QUEUE: 'deadlines', DATABASE_URL: databaseUrl(databaseName), LOG_LEVEL: 'silent' });

beforeAll(async () => {
  quietRuntime();
  databaseName = await createTestDatabase();
  pool = createPool(databaseUrl(databaseName), 5);
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: findTemporalBinary('temporal-test-server') } },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(
      Object.keys(messages.searchAttributes).map((name) => [
        name,
        temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      ]),
    ),
  });
  worker = await createPaknWorker({
    connection: env.nativeConnection,
    client: env.client,
    pool,
    config: config(),
    workflowBundle: workflowBundle(),
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await pool?.end();
  if (databaseName) await dropTestDatabase(databaseName);
});

const day = 86_400_000;

/** Timers fire at their instant or a few milliseconds after it. */
function expectAtOrJustAfter(actual: number, planned: number): void {
  expect(actual).toBeGreaterThanOrEqual(planned);
  expect(actual - planned).toBeLessThan(1_000);
}

async function startReport(categoryCode = 'WASTE', wardCode: string | null = 'P-SAIGON') {
  const row = (await insertReport(
    pool,
    storedReport({ categoryCode, wardCode, description: 'Kiểm thử thời hạn xử lý.', reporterPhone: '+84912345678' }),
  ))!;
  const { id, code } = row;
  const handle = await env.client.workflow.start('reportWorkflow', {
    taskQueue: 'deadlines',
    workflowId: messages.reportWorkflowId(id),
    args: [reportWorkflowInput(row, 'feedback', 1)],
  });
  // Routing runs as the workflow's first steps; wait for the read model to show it.
  for (let tries = 0; (await findReportById(pool, id))!.status === 'received'; tries++) {
    if (tries > 300) throw new Error('report was not routed');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { id, code, handle };
}

async function timeline(reportId: string) {
  const { rows } = await pool.query('SELECT type, at, details FROM report_events WHERE report_id = $1 ORDER BY seq', [
    reportId,
  ]);
  return rows as { type: string; at: Date; details: Record<string, unknown> }[];
}

async function staffOf(unitCode: string, role: StaffActor['role'] = 'unit_staff'): Promise<StaffActor> {
  const unit = (await findUnit(pool, unitCode))!;
  return { kind: 'staff', id: `${role}-test`, role, unitCode, unitPath: unit.path };
}

describe('deadlines in working time', () => {
  it('when nobody acts, then reminders come before the deadline, it turns overdue at the deadline and escalates three levels', async () => {
    const { id, handle } = await startReport();
    const routed = await handle.query(messages.reportStateQuery);
    expect(routed.status).toBe('assigned');
    const deadlineAt = routed.deadlineAt as number;

    await env.sleep(deadlineAt - (await env.currentTimeMs()) + 3 * day);
    const events = await timeline(id);
    const types = events.map((event) => event.type);
    expect(types.slice(0, 3)).toEqual(['submitted', 'received', 'routed']);
    expect(types.filter((type) => type === 'reminder')).toHaveLength(2);
    expect(types).toContain('accept_late');
    const overdue = events.find((event) => event.type === 'overdue')!;
    expectAtOrJustAfter(overdue.at.getTime(), deadlineAt);
    for (const reminder of events.filter((event) => event.type === 'reminder'))
      expect(reminder.at.getTime()).toBeLessThan(deadlineAt);
    expect(events.filter((event) => event.type === 'escalated').map((event) => event.details.level)).toEqual([1, 2, 3]);

    const row = (await findReportById(pool, id))!;
    expect(row).toMatchObject({ status: 'assigned', overdue: true, escalation_level: 3 });
    const { rows: escalations } = await pool.query(
      "SELECT recipient FROM outbox WHERE report_id = $1 AND template = 'report_overdue_escalation' AND channel = 'sms' ORDER BY id",
      [id],
    );
    const ward = (await findUnit(pool, 'P-SAIGON'))!;
    const desk = (await findUnit(pool, 'HCM-TT1022'))!;
    const leaders = (
      await pool.query(
        "SELECT phone FROM staff WHERE role = 'leader' AND unit_code IN ('HCM', 'P-SAIGON') ORDER BY unit_code DESC",
      )
    ).rows.map((r) => r.phone);
    expect(escalations.map((r) => r.recipient)).toEqual([ward.head_phone, desk.head_phone, ...leaders]);
  });

  it('when an extension is approved, then the deadline and its timers move with it', async () => {
    const { id, handle } = await startReport();
    const staff = await staffOf('P-SAIGON');
    await handle.executeUpdate(messages.acceptUpdate, { args: [{ actor: staff }] });
    const before = (await handle.query(messages.reportStateQuery)).deadlineAt as number;
    const until = before + 2 * day;
    await handle.executeUpdate(messages.requestExtensionUpdate, {
      args: [{ actor: staff, reason: 'Cần phối hợp', until }],
    });
    await handle.executeUpdate(messages.decideExtensionUpdate, {
      args: [{ actor: await staffOf('HCM-TT1022', 'coordinator'), approve: true, note: 'OK' }],
    });

    await env.sleep(before - (await env.currentTimeMs()) + 60 * 60_000);
    expect((await findReportById(pool, id))!.overdue).toBe(false);
    await env.sleep(until - (await env.currentTimeMs()) + 60_000);
    expect((await findReportById(pool, id))!.overdue).toBe(true);
    const overdue = (await timeline(id)).filter((event) => event.type === 'overdue');
    expect(overdue).toHaveLength(1);
    expectAtOrJustAfter(overdue[0].at.getTime(), until);
  });

  it('when the reporter does not rate within the window, then the report closes by itself', async () => {
    const { id, handle } = await startReport();
    const staff = await staffOf('P-SAIGON');
    await handle.executeUpdate(messages.acceptUpdate, { args: [{ actor: staff }] });
    await handle.executeUpdate(messages.resolveUpdate, { args: [{ actor: staff, result: 'Đã xử lý.', media: [] }] });
    await env.sleep(8 * day);
    const final = await handle.result();
    expect(final.status).toBe('closed');
    const closed = (await timeline(id)).at(-1)!;
    expect(closed).toMatchObject({ type: 'closed', details: { reason: 'no rating' } });
  });

  it('when a report waits in triage, then the desk is reminded before its deadline and its head alerted at it', async () => {
    const { id, handle } = await startReport('OTHER', null);
    const triaged = await handle.query(messages.reportStateQuery);
    expect(triaged).toMatchObject({ status: 'triage', ruleVersion: 1 });
    const deadlineAt = triaged.deadlineAt as number;

    await env.sleep(deadlineAt - (await env.currentTimeMs()) + 60_000);
    const events = await timeline(id);
    const reminder = events.find((event) => event.type === 'triage_reminder')!;
    expect(reminder.at.getTime()).toBeLessThan(deadlineAt);
    expectAtOrJustAfter(events.find((event) => event.type === 'triage_overdue')!.at.getTime(), deadlineAt);
    expect((await findReportById(pool, id))!).toMatchObject({ status: 'triage', overdue: true, escalation_level: 1 });
    const { rows } = await pool.query(
      "SELECT template, recipient FROM outbox WHERE report_id = $1 AND channel = 'sms' AND template LIKE 'triage%' ORDER BY id",
      [id],
    );
    const desk = (await findUnit(pool, 'HCM-TT1022'))!;
    const coordinators = (await pool.query("SELECT phone FROM staff WHERE role = 'coordinator' ORDER BY id")).rows.map(
      (row) => row.phone,
    );
    expect(rows).toEqual([
      ...coordinators.map((recipient) => ({ template: 'triage_needed', recipient })),
      ...coordinators.map((recipient) => ({ template: 'triage_reminder', recipient })),
      { template: 'triage_overdue', recipient: desk.head_phone },
    ]);
  });
});
