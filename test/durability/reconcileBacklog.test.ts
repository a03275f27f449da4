// A backlog left by a Temporal outage: the reconciler's activity starts it in bounded parallel
// batches, heartbeating after each, marks every report as started, and a second pass starts nothing.
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReconcileActivities } from '../../activities/reconcile';
import { insertReport } from '../../db/reports';
import { storedReport } from '../support/reports';
import { eventually, startTestSystem, type TestSystem } from '../support/system';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => system?.stop());

describe('the reconciler after an outage', () => {
  it('when 45 accepted reports have no workflow, then it starts them 20 at a time with a heartbeat per batch, once', async () => {
    const backlog = Array.from({ length: 45 }, () => storedReport());
    for (const report of backlog) await insertReport(system.pool, report);
    await system.pool.query("UPDATE reports SET submitted_at = now() - interval '1 minute' WHERE id = ANY($1)", [
      backlog.map((report) => report.id),
    ]);
    const activities = createReconcileActivities({
      client: system.client,
      pool: system.pool,
      taskQueue: system.config.taskQueue,
      reopensToSameUnit: 1,
      parallelStarts: 20,
    });
    const heartbeats: unknown[] = [];
    const environment = new MockActivityEnvironment();
    environment.on('heartbeat', (details) => heartbeats.push(details));

    const first = await environment.run(activities.startMissingWorkflows, { olderThanSeconds: 5, batch: 200 });
    expect(first).toEqual({ started: 45, found: 45 });
    expect(heartbeats).toEqual([
      { done: 20, of: 45 },
      { done: 40, of: 45 },
      { done: 45, of: 45 },
    ]);
    const unmarked = await system.pool.query(
      'SELECT count(*)::int AS n FROM reports WHERE id = ANY($1) AND workflow_started_at IS NULL',
      [backlog.map((report) => report.id)],
    );
    expect(unmarked.rows[0].n).toBe(0);

    const second = await environment.run(activities.startMissingWorkflows, { olderThanSeconds: 5, batch: 200 });
    expect(second).toEqual({ started: 0, found: 0 });
    await eventually(
      async () => {
        const { rows } = await system.pool.query(
          "SELECT count(*)::int AS n FROM report_events WHERE report_id = ANY($1) AND type = 'received'",
          [backlog.map((report) => report.id)],
        );
        return rows[0].n === 45;
      },
      90_000,
      'every started workflow received its report once',
    );
  });
});
