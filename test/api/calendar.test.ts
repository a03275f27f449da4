// The calendar through the real API, database, Temporal server and worker: a provisional year read
// by anyone, an official year entered by the city's admin (and refused to a ward's admin or with
// bad days), and the change moving an open report's deadline once, through its workflow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendarActivities } from '../../activities/calendar';
import { loadCalendarDaysBetween } from '../../db/calendar';
import { calendarBefore, changedDays, movedDeadline, workingCalendar } from '../../domain/calendar';
import { defaultOfficeHours, isWorkingDay, localDate } from '../../domain/workingTime';
import { calendarChangedSignal, reportWorkflowId } from '../../workflows/report/messages';
import { submitRouted } from '../support/reports';
import { call, eventually, staffToken, startTestSystem, type TestSystem } from '../support/system';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system?.stop();
});

const DAY = 86_400_000;

describe('GET /api/v1/calendar/{year}', () => {
  it('when 2027 has no official decision, then the law gives a provisional year with 1 January off', async () => {
    const reply = await call(system, 'GET', '/api/v1/calendar/2027');
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('provisional');
    expect(reply.body.days).toContainEqual(
      expect.objectContaining({
        date: '2027-01-01',
        kind: 'holiday',
        nameVi: 'Tết Dương lịch',
        nameEn: "New Year's Day",
      }),
    );
    expect(reply.body.days.map((day: { date: string }) => day.date)).toContain('2027-02-10'); // in lieu of mùng 1
  });

  it('when 2026 is read, then it is official with its make-up Saturdays', async () => {
    const reply = await call(system, 'GET', '/api/v1/calendar/2026');
    expect(reply.body.status).toBe('official');
    expect(reply.body.days).toContainEqual(expect.objectContaining({ date: '2026-01-10', kind: 'workday' }));
  });

  it('when the year is not a year, then there is no such calendar and the field is named', async () => {
    const reply = await call(system, 'GET', '/api/v1/calendar/20x7');
    expect(reply.status).toBe(404);
    expect(reply.body.error.details).toEqual([expect.objectContaining({ field: 'year' })]);
  });
});

describe('PUT /api/v1/admin/calendar/{year}', () => {
  it("when a ward's admin enters the city's calendar, then it is refused", async () => {
    const reply = await call(system, 'PUT', '/api/v1/admin/calendar/2027', {
      token: await staffToken(system, 'admin', 'P-SAIGON'),
      body: { days: [] },
    });
    expect(reply.status).toBe(403);
  });

  it('when a holiday falls on a Saturday and a Monday is a make-up day, then each field is named', async () => {
    const reply = await call(system, 'PUT', '/api/v1/admin/calendar/2027', {
      token: await staffToken(system, 'admin', 'HCM'),
      body: {
        days: [
          { date: '2027-02-06', kind: 'holiday', nameVi: 'Mùng 1 Tết', nameEn: 'Tết day 1' },
          { date: '2027-02-08', kind: 'workday', nameVi: 'Làm bù', nameEn: 'Make-up' },
        ],
      },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details.map((d: { field: string }) => d.field)).toEqual(['days.0.date', 'days.1.date']);
    expect((await call(system, 'GET', '/api/v1/calendar/2027')).body.status).toBe('provisional');
  });

  it("when the city's admin adds a holiday inside an open report's remaining time, then its deadline moves once", async () => {
    const report = await submitRouted(system);
    const oldDeadline = Date.parse(report.deadlineAt!);
    const year = Number(localDate(Date.now()).slice(0, 4));
    const days = await loadCalendarDaysBetween(system.pool, year - 1, year + 2);
    const before = workingCalendar(days, defaultOfficeHours);
    // The first working day after today that ends before the deadline's day.
    let holiday = localDate(Date.now() + DAY);
    while (!isWorkingDay(holiday, before)) holiday = localDate(Date.parse(`${holiday}T12:00:00+07:00`) + DAY);
    expect(holiday < localDate(oldDeadline)).toBe(true);

    const holidayYear = Number(holiday.slice(0, 4));
    const current = (await call(system, 'GET', `/api/v1/calendar/${holidayYear}`)).body.days;
    const entered = [
      ...current.map(({ date, kind, nameVi, nameEn }: Record<string, string>) => ({ date, kind, nameVi, nameEn })),
      {
        date: holiday,
        kind: 'holiday',
        nameVi: 'Nghỉ theo quyết định (kiểm thử)',
        nameEn: 'Day off by decision (test)',
      },
    ];
    const token = await staffToken(system, 'admin', 'HCM', 'city-admin');
    const reply = await call(system, 'PUT', `/api/v1/admin/calendar/${holidayYear}`, {
      token,
      body: { days: entered, source: 'Quyết định kiểm thử' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('official');
    expect(reply.body.changedDays).toEqual([{ date: holiday, wasWorking: true, isWorking: false }]);

    const after = workingCalendar(
      days.filter((day) => day.date !== holiday).concat([{ date: holiday, kind: 'holiday', nameVi: '', nameEn: '' }]),
      defaultOfficeHours,
    );
    const expected = movedDeadline(Date.now(), oldDeadline, calendarBefore(after, reply.body.changedDays), after);
    expect(expected).toBeGreaterThan(oldDeadline);
    const moved = await eventually(async () => {
      const view = (await call(system, 'GET', `/api/v1/reports/${report.code}`)).body;
      return Date.parse(view.deadlineAt) !== oldDeadline && Date.parse(view.deadlineAt);
    });
    expect(moved).toBe(expected);

    // The same change told twice, and the same days entered again, move nothing more.
    const changeId = reply.body.changeWorkflowId.replace('calendar-change-', '');
    await system.client.workflow
      .getHandle(reportWorkflowId(report.id))
      .signal(calendarChangedSignal, { changeId, changedDays: reply.body.changedDays });
    const again = await call(system, 'PUT', `/api/v1/admin/calendar/${holidayYear}`, {
      token,
      body: { days: entered },
    });
    expect(again.body).toEqual(expect.objectContaining({ changedDays: [], changeWorkflowId: null }));
    await system.client.workflow.getHandle(reportWorkflowId(report.id)).query('reportState');
    const { rows } = await system.pool.query(
      "SELECT details FROM report_events WHERE report_id = $1 AND type = 'deadline_moved'",
      [report.id],
    );
    expect(rows).toEqual([{ details: expect.objectContaining({ calendarChangeId: changeId, deadlineAt: expected }) }]);
    expect(changedDays(current, entered)).toHaveLength(1);
  });
});

describe('telling admins that next year is provisional', () => {
  it('when it is November and 2027 is provisional, then each city admin is told once by SMS and e-mail', async () => {
    const { queueProvisionalCalendarNotices } = createCalendarActivities({ pool: system.pool });
    expect(await queueProvisionalCalendarNotices({ today: '2026-10-31' })).toEqual([]);
    const ids = await queueProvisionalCalendarNotices({ today: '2026-11-02' });
    expect(await queueProvisionalCalendarNotices({ today: '2026-11-03' })).toEqual(ids);
    const { rows } = await system.pool.query(
      'SELECT channel, recipient, body FROM outbox WHERE id = ANY($1) ORDER BY channel',
      [ids],
    );
    expect(rows).toEqual([
      expect.objectContaining({ channel: 'email', recipient: 'admin-1@pakn.example' }),
      expect.objectContaining({ channel: 'sms', recipient: '+84909000006', body: expect.stringContaining('nam 2027') }),
    ]);
  });

  it('when the daily watch runs, then it queues what the check says for today and delivers it', async () => {
    const result = await system.client.workflow.execute('calendarWatchWorkflow', {
      taskQueue: system.config.taskQueue,
      workflowId: `calendar-watch-test-${Date.now()}`,
      args: [],
    });
    const today = localDate(Date.now());
    const expected = await createCalendarActivities({ pool: system.pool }).queueProvisionalCalendarNotices({ today });
    expect(result).toEqual({ notices: expected.length });
  });
});
