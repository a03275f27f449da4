// Deadlines that span days, on Temporal's time-skipping server with the real activities and a
// real database. Each case starts at 14:00 on a Tuesday of an ordinary week (no holiday near), so
// the WASTE clocks (accept 8 working hours, resolve 3 working days; reminders 1 working day before
// and at 75 % of the window; escalations 0, 4 and 8 working hours apart) land on instants worked
// out by hand below, across a weekend: every reminder, the accept clock, overdue, each escalation
// level, the same after an approved extension, and the rating window closing an unrated report;
// and the coordinator desk's triage clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findReportById } from '../../db/reports';
import { findUnit } from '../../db/reference';
import * as messages from '../../workflows/report/messages';
import {
  day,
  minute,
  quietTuesday,
  startTimeSkippingSystem,
  wallClock,
  type TimelineEntry,
  type TimeSkippingSystem,
} from '../support/timeSkipping';

let system: TimeSkippingSystem;
beforeAll(async () => {
  system = await startTimeSkippingSystem('deadlines');
});
afterAll(async () => system?.stop());

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "D+3 Fri 14:00": days after the Tuesday, weekday and time of day in Vietnam, to the minute. */
function label(tuesday: number, instant: number): string {
  const days = Math.floor((instant - tuesday) / day);
  const clock = new Date(instant + 7 * 3_600_000).toISOString();
  return `D+${days} ${weekdays[(2 + days) % 7]} ${clock.slice(11, 16)}`;
}

/** Timer-driven steps after routing, as "type[:level] @ D+n Day HH:MM" with `shift` taken off. */
function timers(events: TimelineEntry[], tuesday: number, shift: number): string[] {
  const timerTypes = ['accept_late', 'reminder', 'overdue', 'escalated'];
  return events
    .filter((event) => timerTypes.includes(event.type))
    .map((event) => {
      const level = event.type === 'escalated' ? `:${event.details.level}` : '';
      return `${event.type}${level} @ ${label(tuesday, event.at.getTime() - shift)}`;
    });
}

/** Each timer fired at its planned instant (plus `shift`) or within `slackMs` after it. */
// A loaded machine runs a fired timer's workflow task a few seconds late; the planned instants are
// hours apart, so a minute's slack still pins each one.
const timerSlackMs = 60_000;

function expectFiredOnTime(events: TimelineEntry[], planned: number[], shift: number, slackMs: number): void {
  const timerTypes = ['accept_late', 'reminder', 'overdue', 'escalated'];
  const fired = events.filter((event) => timerTypes.includes(event.type)).map((event) => event.at.getTime());
  expect(fired).toHaveLength(planned.length);
  fired.forEach((at, index) => {
    expect(at - shift - planned[index], `timer ${index + 1}`).toBeGreaterThanOrEqual(0);
    expect(at - shift - planned[index], `timer ${index + 1}`).toBeLessThan(slackMs);
  });
}

async function readModel(id: string) {
  return (await findReportById(system.pool, id))!;
}

describe('deadlines in working time', () => {
  it('when nobody acts on a report assigned on a Tuesday afternoon, then the accept clock, reminders, overdue and three escalations fire at their working-time instants across the weekend', async () => {
    const tuesday = await quietTuesday(system.pool, await system.env.currentTimeMs());
    const at = (days: number, clock: string) => wallClock(tuesday, days, clock);
    await system.sleepUntil(at(0, '14:00'));
    const { id, handle } = await system.startReport();
    const started = (await system.timeline(id)).find((event) => event.type === 'received')!.at.getTime();
    // The plan starts when the workflow does, a moment after 14:00: every instant moves by as much.
    const shift = started - at(0, '14:00');
    expect(shift).toBeGreaterThanOrEqual(0);
    expect(shift).toBeLessThan(60_000);
    const routed = await handle.query(messages.reportStateQuery);
    expect(routed).toMatchObject({
      status: 'assigned',
      acceptDeadlineAt: at(1, '14:00') + shift, // 3 h on Tuesday + 5 h on Wednesday
      deadlineAt: at(3, '14:00') + shift, // three working days
    });

    // Just before the last escalation (Friday 14:00 + 12 working hours = Tuesday 08:30): two levels.
    await system.sleepUntil(at(7, '08:29'));
    expect(await readModel(id)).toMatchObject({ status: 'assigned', overdue: true, escalation_level: 2 });
    await system.sleepUntil(at(7, '08:31'));
    const events = await system.timeline(id);
    expect(events.slice(0, 3).map((event) => event.type)).toEqual(['submitted', 'received', 'routed']);
    expect(timers(events, tuesday, shift)).toEqual([
      'accept_late @ D+1 Wed 14:00', // 8 working hours after assignment
      'reminder @ D+2 Thu 14:00', // 1 working day before the deadline
      'reminder @ D+2 Thu 16:00', // 75 % of the 24 working hours
      'overdue @ D+3 Fri 14:00',
      'escalated:1 @ D+3 Fri 14:00', // at the deadline
      'escalated:2 @ D+6 Mon 08:30', // 4 working hours later: 3 on Friday, 1 on Monday
      'escalated:3 @ D+7 Tue 08:30', // 8 working hours after that
    ]);
    expectFiredOnTime(
      events,
      [at(1, '14:00'), at(2, '14:00'), at(2, '16:00'), at(3, '14:00'), at(3, '14:00'), at(6, '08:30'), at(7, '08:30')],
      shift,
      timerSlackMs,
    );
    expect(events.find((event) => event.type === 'reminder')!.details).toEqual({ deadlineAt: at(3, '14:00') + shift });

    expect(await readModel(id)).toMatchObject({ status: 'assigned', overdue: true, escalation_level: 3 });
    const { rows: escalations } = await system.pool.query(
      "SELECT recipient FROM outbox WHERE report_id = $1 AND template = 'report_overdue_escalation' AND channel = 'sms' ORDER BY id",
      [id],
    );
    const ward = (await findUnit(system.pool, 'P-SAIGON'))!;
    const desk = (await findUnit(system.pool, 'HCM-TT1022'))!;
    const leaders = (
      await system.pool.query(
        "SELECT phone FROM staff WHERE role = 'leader' AND unit_code IN ('HCM', 'P-SAIGON') ORDER BY unit_code DESC",
      )
    ).rows.map((r) => r.phone);
    expect(escalations.map((r) => r.recipient)).toEqual([ward.head_phone, desk.head_phone, ...leaders]);
  });

  it('when an extension to the next Tuesday is approved, then reminders, overdue and every escalation follow the new deadline and none of the old instants fires', async () => {
    const tuesday = await quietTuesday(system.pool, await system.env.currentTimeMs());
    const at = (days: number, clock: string) => wallClock(tuesday, days, clock);
    await system.sleepUntil(at(0, '14:00'));
    const { id, handle } = await system.startReport();
    const staff = await system.staffOf('P-SAIGON');
    await handle.executeUpdate(messages.acceptUpdate, { args: [{ actor: staff }] });
    const until = at(7, '14:00');
    await handle.executeUpdate(messages.requestExtensionUpdate, {
      args: [{ actor: staff, reason: 'Cần phối hợp', until }],
    });
    await handle.executeUpdate(messages.decideExtensionUpdate, {
      args: [{ actor: await system.staffOf('HCM-TT1022', 'coordinator'), approve: true, note: 'OK' }],
    });
    const approvedAt = (await system.timeline(id)).find((event) => event.type === 'extension_approved')!.at.getTime();
    expect(approvedAt - at(0, '14:00')).toBeLessThan(60_000);
    expect((await handle.query(messages.reportStateQuery)).deadlineAt).toBe(until);

    // The old deadline (Friday 14:00) and old escalations (to Tuesday 08:30) pass without a step.
    await system.sleepUntil(until - minute);
    expect(await readModel(id)).toMatchObject({ status: 'in_progress', overdue: false, escalation_level: 0 });
    expect(timers(await system.timeline(id), tuesday, 0)).toEqual([
      'reminder @ D+6 Mon 10:30', // 75 % of the 40 working hours from the approval
      'reminder @ D+6 Mon 14:00', // 1 working day before the new deadline
    ]);

    await system.sleepUntil(at(9, '08:31'));
    const events = await system.timeline(id);
    expect(timers(events, tuesday, 0)).toEqual([
      'reminder @ D+6 Mon 10:30',
      'reminder @ D+6 Mon 14:00',
      'overdue @ D+7 Tue 14:00',
      'escalated:1 @ D+7 Tue 14:00',
      'escalated:2 @ D+8 Wed 08:30',
      'escalated:3 @ D+9 Thu 08:30',
    ]);
    // The 75 % reminder moves with the approval instant (a quarter of it); the rest are fixed.
    expectFiredOnTime(
      events,
      [at(6, '10:30'), at(6, '14:00'), until, until, at(8, '08:30'), at(9, '08:30')],
      0,
      timerSlackMs + (approvedAt - at(0, '14:00')),
    );
    for (const reminder of events.filter((event) => event.type === 'reminder'))
      expect(reminder.details).toEqual({ deadlineAt: until });
    expect(await readModel(id)).toMatchObject({ status: 'in_progress', overdue: true, escalation_level: 3 });
  });

  it('when the reporter does not rate, then the report stays resolved until the seven-day window ends and then closes by itself', async () => {
    const tuesday = await quietTuesday(system.pool, await system.env.currentTimeMs());
    const start = wallClock(tuesday, 0, '14:00');
    await system.sleepUntil(start);
    const { id, handle } = await system.startReport();
    const staff = await system.staffOf('P-SAIGON');
    await handle.executeUpdate(messages.acceptUpdate, { args: [{ actor: staff }] });
    await handle.executeUpdate(messages.resolveUpdate, { args: [{ actor: staff, result: 'Đã xử lý.', media: [] }] });
    const resolvedAt = (await system.timeline(id)).find((event) => event.type === 'resolved')!.at.getTime();

    // The window is planned from the resolution, between `start` and `resolvedAt`.
    await system.sleepUntil(start + 7 * day - minute);
    expect((await handle.query(messages.reportStateQuery)).status).toBe('resolved');
    expect(await readModel(id)).toMatchObject({ status: 'resolved', closed_at: null });

    await system.sleepUntil(resolvedAt + 7 * day + minute);
    const final = await handle.result();
    expect(final.status).toBe('closed');
    const closed = (await system.timeline(id)).at(-1)!;
    expect(closed).toMatchObject({ type: 'closed', details: { reason: 'no rating' } });
    expect(closed.at.getTime()).toBeGreaterThanOrEqual(start + 7 * day);
    expect(closed.at.getTime()).toBeLessThan(resolvedAt + 7 * day + 1_000);
  });

  it('when a report waits in triage, then the desk is reminded before its deadline and its head alerted at it', async () => {
    const { pool } = system;
    const { id, handle } = await system.startReport('OTHER', null);
    const triaged = await handle.query(messages.reportStateQuery);
    expect(triaged).toMatchObject({ status: 'triage', ruleVersion: 1 });
    const deadlineAt = triaged.deadlineAt as number;

    await system.sleepUntil(deadlineAt + minute);
    const events = await system.timeline(id);
    const reminder = events.find((event) => event.type === 'triage_reminder')!;
    expect(reminder.at.getTime()).toBeLessThan(deadlineAt);
    const overdueAt = events.find((event) => event.type === 'triage_overdue')!.at.getTime();
    expect(overdueAt).toBeGreaterThanOrEqual(deadlineAt);
    expect(overdueAt - deadlineAt).toBeLessThan(1_000);
    expect(await readModel(id)).toMatchObject({ status: 'triage', overdue: true, escalation_level: 1 });
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
