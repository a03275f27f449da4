// Quiet hours end to end through the activities and a real database: a reminder SMS to a unit
// head committed during the window is held back — the delivery activity asks Temporal to retry it
// when the window ends — while the reporter's messages are never held.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import type pg from 'pg';
import { createPool } from '../../db/pool';
import { insertReport } from '../../db/reports';
import { createReportActivities } from '../../activities/report';
import { createDeliveryActivities } from '../../activities/delivery';
import { createDevSmsProvider } from '../../notify/devProvider';
import { parseQuietHours } from '../../domain/quietHours';
import { ReportProcess } from '../../domain/reportProcess';
import { createTestDatabase, dropTestDatabase } from '../support/system';
import { databaseUrl } from '../support/env';
import { storedReport } from '../support/reports';

let databaseName: string;
let pool: pg.Pool;
beforeAll(async () => {
  databaseName = await createTestDatabase();
  pool = createPool(databaseUrl(databaseName), 2);
});
afterAll(async () => {
  await pool?.end();
  if (databaseName) await dropTestDatabase(databaseName);
});

/** A window that contains the present moment, whatever time the test runs. */
function windowAroundNow(): string {
  const minute = Math.floor(((Date.now() + 7 * 3_600_000) % 86_400_000) / 60_000);
  const at = (m: number) =>
    `${String(Math.floor((((m % 1440) + 1440) % 1440) / 60)).padStart(2, '0')}:${String((((m % 1440) + 1440) % 1440) % 60).padStart(2, '0')}`;
  return `${at(minute - 30)}-${at(minute + 30)}`;
}

describe('quiet hours', () => {
  it('when a reminder to a unit head is committed inside the window, then its SMS waits and the reporter’s does not', async () => {
    const report = storedReport({ description: 'Kiểm thử giờ yên tĩnh.', reporterPhone: '+84912345678' });
    await insertReport(pool, report);
    const { id } = report;
    const activities = createReportActivities({
      pool,
      trackUrl: (code) => `http://localhost/t/${code}`,
      ratingWindow: { amount: 7, unit: 'calendar_days' },
      triageDeadline: { amount: 1, unit: 'working_hours' },
      alarmPolicy: { reminders: [], reminderFractions: [0.75], escalationDelays: [] },
      quietHours: parseQuietHours(windowAroundNow()),
      quietHoursTemplates: ['report_reminder'],
    });
    const process = new ReportProcess({ reportId: id, code: report.code, reopensToSameUnit: 1 });
    const now = Date.now();
    await activities.commitSteps([process.received(now)]);
    const routed = process.routed(
      {
        unitCode: 'P-SAIGON',
        unitPath: '/HCM/P-SAIGON/',
        priority: 'normal',
        ruleVersion: 1,
        ruleName: 'test',
        sla: { accept: { amount: 8, unit: 'working_hours' }, resolve: { amount: 3, unit: 'working_days' } },
      },
      { acceptDeadlineAt: null, deadlineAt: now + 86_400_000, remindAt: [now], escalateAt: [] },
      now,
    );
    await activities.commitSteps([routed]);
    const reminder = process.fireAlarm(process.nextAlarm()!, now)!;
    const [reminderSms] = (await activities.commitSteps([reminder])).slice(0, 1);

    const { rows } = await pool.query(
      "SELECT id, template, not_before FROM outbox WHERE report_id = $1 AND channel = 'sms' ORDER BY id",
      [id],
    );
    expect(rows.map((row) => [row.template, row.not_before !== null])).toEqual([
      ['report_ack', false],
      ['report_assigned_unit', false],
      ['report_reminder', true],
    ]);
    expect(rows[2].not_before.getTime()).toBeGreaterThan(Date.now());

    const sms = createDevSmsProvider(() => undefined);
    const delivery = createDeliveryActivities({ pool, sms, email: null });
    const held = await delivery.deliverOutboxMessage(reminderSms).catch((error: unknown) => error);
    expect(held).toBeInstanceOf(ApplicationFailure);
    expect((held as ApplicationFailure).type).toBe('QuietHours');
    expect(Number((held as ApplicationFailure).nextRetryDelay)).toBeGreaterThan(0);
    expect(sms.sent).toHaveLength(0);
    expect(await delivery.deliverOutboxMessage(rows[0].id)).toBe('sent');

    await pool.query("UPDATE outbox SET not_before = now() - interval '1 second' WHERE id = $1", [reminderSms]);
    expect(await delivery.deliverOutboxMessage(reminderSms)).toBe('sent');
    expect(sms.sent.map((message) => message.to)).toEqual(['+84912345678', '+84900000018']);
  });
});
