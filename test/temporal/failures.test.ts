// The classification of activity errors against real PostgreSQL errors and the real report
// activities: deterministic failures (refusals, bad data) are non-retryable with their type, an
// unreachable database is a retryable DatabaseUnavailable, anything else stays retryable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import pg from 'pg';
import { createPool, query } from '../../db/pool';
import { Refusal } from '../../domain/refusal';
import { createReportActivities } from '../../activities/report';
import { classifiedActivities, classifyActivityError, FailureType, refusalIn } from '../../temporal/failures';
import { createTestDatabase, dropTestDatabase } from '../support/system';
import { databaseUrl } from '../support/env';

let name: string;
let pool: pg.Pool;
beforeAll(async () => {
  name = await createTestDatabase();
  pool = createPool(databaseUrl(name), 2);
});
afterAll(async () => {
  await pool?.end();
  if (name) await dropTestDatabase(name);
});

const failureOf = async (work: Promise<unknown>): Promise<ApplicationFailure> => {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  const classified = classifyActivityError(error);
  expect(classified).toBeInstanceOf(ApplicationFailure);
  return classified as ApplicationFailure;
};

describe('activity errors', () => {
  it('a refusal is non-retryable with its type and field', () => {
    const refusal = new Refusal('Invalid', 'deadline_not_later', 'too early', 'until');
    const failure = classifyActivityError(refusal) as ApplicationFailure;
    expect([failure.type, failure.nonRetryable, failure.details]).toEqual([
      'Invalid',
      true,
      [{ code: 'deadline_not_later', field: 'until' }],
    ]);
    expect(refusalIn(failure)).toBe(failure);
  });

  it('PostgreSQL data and constraint errors are non-retryable Invalid', async () => {
    const nul = await failureOf(query(pool, 'SELECT $1::jsonb', ['"\\u0000"']));
    expect([nul.type, nul.nonRetryable]).toEqual([FailureType.Invalid, true]);
    const division = await failureOf(query(pool, 'SELECT 1 / 0'));
    expect([division.type, division.nonRetryable]).toEqual([FailureType.Invalid, true]);
    const duplicate = await failureOf(query(pool, `INSERT INTO units SELECT * FROM units LIMIT 1`));
    expect([duplicate.type, duplicate.nonRetryable, (duplicate.details?.[0] as { sqlState: string }).sqlState]).toEqual(
      [FailureType.Invalid, true, '23505'],
    );
  });

  it('an unreachable database is retryable DatabaseUnavailable; a bug stays a retryable plain error', async () => {
    const down = createPool('postgres://postgres@127.0.0.1:1/none', 1);
    const unavailable = await failureOf(query(down, 'SELECT 1'));
    await down.end();
    expect([unavailable.type, unavailable.nonRetryable]).toEqual([FailureType.DatabaseUnavailable, false]);
    const bug = new TypeError('x is undefined');
    expect(classifyActivityError(bug)).toBe(bug);
    expect(classifyActivityError(await query(pool, 'SELECT nope').catch((error: unknown) => error))).not.toBeInstanceOf(
      ApplicationFailure,
    );
  });

  it('planning a deadline before its start fails at once as Invalid (it used to retry forever)', async () => {
    const activities = classifiedActivities(
      createReportActivities({
        pool,
        trackUrl: (code) => `http://localhost/t/${code}`,
        ratingWindow: { amount: 7, unit: 'calendar_days' },
        triageDeadline: { amount: 1, unit: 'working_hours' },
        alarmPolicy: { reminders: [], reminderFractions: [0.75], escalationDelays: [] },
      }),
    );
    const now = Date.now();
    const failure = await activities
      .planDeadlines({ startMs: now, sla: null, deadlineAt: now - 3_600_000 })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).type).toBe(FailureType.Invalid);
    expect((failure as ApplicationFailure).nonRetryable).toBe(true);
    const plan = await activities.planDeadlines({ startMs: now, sla: null, deadlineAt: now + 86_400_000 });
    expect(plan.deadlineAt).toBe(now + 86_400_000);
  });
});
