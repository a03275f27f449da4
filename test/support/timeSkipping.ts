// A PAKN worker on Temporal's time-skipping server, with the real activities and a database of its
// own: for deadlines that span days (test/workflows/) and for recording histories in which those
// timers fired (test/replay/). Time only skips in env.sleep(); Updates must not wait during a sleep.
// A fixed "quiet week" (a Tuesday with ordinary working days around it) makes every planned
// instant something a reader can work out by hand.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import type { WorkflowHandle } from '@temporalio/client';
import type pg from 'pg';
import { loadConfig } from '../../config';
import { createPool } from '../../db/pool';
import { insertReport, findReportById } from '../../db/reports';
import { findUnit, loadCalendarDays } from '../../db/reference';
import type { StaffActor } from '../../domain/roles';
import { createPaknWorker } from '../../worker/createWorker';
import { findTemporalBinary } from '../../scripts/temporalServer';
import { reportWorkflowInput } from '../../temporal/reports';
import * as messages from '../../workflows/report/messages';
import type { reportWorkflow } from '../../workflows/report/workflow';
import { createTestDatabase, dropTestDatabase, quietRuntime, workflowBundle } from './system';
import { storedReport } from './reports';
import { databaseUrl } from './env';
import { eventually } from './eventually';

export const minute = 60_000;
export const day = 86_400_000;
const ict = 7 * 3_600_000; // Asia/Ho_Chi_Minh is UTC+07:00 all year

export interface TimelineEntry {
  type: string;
  at: Date;
  details: Record<string, unknown>;
}

export interface TimeSkippingSystem {
  env: TestWorkflowEnvironment;
  pool: pg.Pool;
  taskQueue: string;
  /** skips the server's clock forward to `instant` (epoch ms) */
  sleepUntil(instant: number): Promise<void>;
  /** stores a report as intake does, starts its workflow and waits until it is routed */
  startReport(
    categoryCode?: string,
    wardCode?: string | null,
  ): Promise<{ id: string; code: string; handle: WorkflowHandle<typeof reportWorkflow> }>;
  timeline(reportId: string): Promise<TimelineEntry[]>;
  staffOf(unitCode: string, role?: StaffActor['role']): Promise<StaffActor>;
  stop(): Promise<void>;
}

export async function startTimeSkippingSystem(taskQueue: string): Promise<TimeSkippingSystem> {
  quietRuntime();
  const databaseName = await createTestDatabase();
  const pool = createPool(databaseUrl(databaseName), 5);
  const env = await TestWorkflowEnvironment.createTimeSkipping({
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
  const worker: Worker = await createPaknWorker({
    connection: env.nativeConnection,
    client: env.client,
    pool,
    config: loadConfig({
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATABASE_URL: databaseUrl(databaseName),
      LOG_LEVEL: 'silent',
    }),
    workflowBundle: workflowBundle(),
  });
  const running = worker.run();

  return {
    env,
    pool,
    taskQueue,
    async sleepUntil(instant) {
      const now = await env.currentTimeMs();
      if (instant < now) throw new Error(`cannot sleep back to ${new Date(instant).toISOString()}`);
      await env.sleep(instant - now);
    },
    async startReport(categoryCode = 'WASTE', wardCode = 'P-SAIGON') {
      const row = (await insertReport(
        pool,
        storedReport({
          categoryCode,
          wardCode,
          description: 'Kiểm thử thời hạn xử lý.',
          reporterPhone: '+84912345678',
        }),
      ))!;
      const handle = await env.client.workflow.start<typeof reportWorkflow>('reportWorkflow', {
        taskQueue,
        workflowId: messages.reportWorkflowId(row.id),
        args: [reportWorkflowInput(row, 'feedback', 1)],
      });
      // Routing runs as the workflow's first steps; wait for the read model to show it.
      await eventually(async () => (await findReportById(pool, row.id))!.status !== 'received', 30_000, 'routing');
      return { id: row.id, code: row.code, handle };
    },
    async timeline(reportId) {
      const { rows } = await pool.query(
        'SELECT type, at, details FROM report_events WHERE report_id = $1 ORDER BY seq',
        [reportId],
      );
      return rows;
    },
    async staffOf(unitCode, role = 'unit_staff') {
      const unit = (await findUnit(pool, unitCode))!;
      return { kind: 'staff', id: `${role}-test`, role, unitCode, unitPath: unit.path };
    },
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
      await pool.end();
      await dropTestDatabase(databaseName);
    },
  };
}

/**
 * Midnight (Vietnam time) of the first Tuesday after `afterMs` that begins 15 ordinary days:
 * Monday to Friday working, no holiday and no make-up working day in the seeded calendar.
 */
export async function quietTuesday(pool: pg.Pool, afterMs: number): Promise<number> {
  const exceptions = new Set((await loadCalendarDays(pool)).map((entry) => entry.day));
  const isoDay = (ms: number) => new Date(ms + ict).toISOString().slice(0, 10);
  let midnight = Math.floor((afterMs + ict) / day + 1) * day - ict;
  for (;;) {
    if (new Date(midnight + ict).getUTCDay() === 2) {
      const days = Array.from({ length: 15 }, (_, index) => isoDay(midnight + index * day));
      if (!days.some((iso) => exceptions.has(iso))) return midnight;
    }
    midnight += day;
  }
}

/** The instant at `clock` (HH:MM, Vietnam time) on the day `days` after the Tuesday `tuesday`. */
export function wallClock(tuesday: number, days: number, clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return tuesday + days * day + (hours * 60 + minutes) * minute;
}
