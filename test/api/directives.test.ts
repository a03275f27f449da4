// Leaders' directives end to end through the API, Temporal and PostgreSQL: a directive on a set of
// open reports reaches every report workflow (timeline, urgent, deadline tightened), sends one SMS
// per unit head, is acknowledged by the units and done when they resolve; reminders after the due
// time; scope and input refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendarDays } from '../../db/reference';
import { formatHcmcTime } from '../../domain/messages';
import { addDuration, defaultOfficeHours } from '../../domain/workingTime';
import { submitRouted, type Made } from '../support/reports';
import { call, eventually, staffToken, startTestSystem, type TestSystem } from '../support/system';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => system?.stop());

const waste = (wardCode: string) => ({
  categoryCode: 'WASTE',
  description: 'Rác thải tồn đọng trên vỉa hè nhiều ngày.',
  location: { wardCode },
});
const water = {
  categoryCode: 'WATER',
  description: 'Mất nước sinh hoạt từ sáng, nhiều hộ bị ảnh hưởng.',
  location: { wardCode: 'P-SAIGON' },
};
const instruction = 'Khẩn trương xử lý dứt điểm, báo cáo kết quả trước 17h.';

const issue = async (token: string, body: unknown) => call(system, 'POST', '/api/v1/directives', { token, body });
const progress = async (id: string, token: string) => call(system, 'GET', `/api/v1/directives/${id}`, { token });
const task = async (code: string, action: string, token: string, body: unknown = {}) => {
  const reply = await call(system, 'POST', `/api/v1/tasks/${code}/${action}`, { token, body });
  expect(reply.status, `${action} ${code}`).toBe(200);
};
const reportRow = async (report: Made) =>
  (await system.pool.query('SELECT priority, deadline_at FROM reports WHERE id = $1', [report.id])).rows[0];
const directiveEvents = async (report: Made, directiveId: string) =>
  (
    await system.pool.query(
      "SELECT details FROM report_events WHERE report_id = $1 AND type = 'directive' AND details->>'directiveId' = $2",
      [report.id, directiveId],
    )
  ).rows;
const notices = async (directiveId: string, template: string) =>
  (
    await system.pool.query(
      "SELECT recipient, body FROM outbox WHERE dedupe_key LIKE $1 AND template = $2 AND channel = 'sms' ORDER BY recipient",
      [`directive:${directiveId}:%`, template],
    )
  ).rows;

describe('a directive on the open reports of a ward', () => {
  it('when a city leader issues it, then it reaches every report, tells each unit head once, is acknowledged, and is done when the units resolve', async () => {
    const ward = await Promise.all([
      submitRouted(system, waste('P-SAIGON')),
      submitRouted(system, waste('P-SAIGON')),
      submitRouted(system, waste('P-SAIGON')),
    ]);
    const sawaco = await Promise.all([submitRouted(system, water), submitRouted(system, water)]);
    const elsewhere = await submitRouted(system, waste('P-BENTHANH'));
    const leader = await staffToken(system, 'leader', 'HCM', 'leader-1');
    const due = new Date(Date.now() + 2 * 3_600_000);
    due.setUTCMilliseconds(0);

    const issued = await issue(leader, { target: { wardCode: 'P-SAIGON' }, instruction, due: due.toISOString() });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ targets: 5, dueAt: due.toISOString() });
    expect(issued.body.units).toEqual([
      { unitCode: 'P-SAIGON', targets: 3 },
      { unitCode: 'SAWACO', targets: 2 },
    ]);
    const id: string = issued.body.id;

    for (const report of [...ward, ...sawaco]) {
      const [event] = await eventually(
        async () => (await directiveEvents(report, id)).length > 0 && directiveEvents(report, id),
        30_000,
        `directive on ${report.code}`,
      );
      expect(event.details).toMatchObject({ instruction, leaderId: 'leader-1', deadlineAt: due.getTime() });
      expect(await reportRow(report)).toEqual({ priority: 'urgent', deadline_at: due });
    }
    expect(await directiveEvents(elsewhere, id)).toHaveLength(0);

    const sms = await eventually(
      async () => (await notices(id, 'directive_issued')).length === 2 && notices(id, 'directive_issued'),
      30_000,
      'unit head SMS',
    );
    expect(sms).toEqual([
      {
        recipient: '+84900000013',
        body: `PAKN TP.HCM: Lanh dao chi dao xu ly 2 phan anh, han ${formatHcmcTime(due)}. Noi dung: Khan truong xu ly dut diem, bao cao ket qua truoc 17h.`,
      },
      {
        recipient: '+84900000018',
        body: `PAKN TP.HCM: Lanh dao chi dao xu ly 3 phan anh, han ${formatHcmcTime(due)}. Noi dung: Khan truong xu ly dut diem, bao cao ket qua truoc 17h.`,
      },
    ]);

    const view = await eventually(
      async () => {
        const reply = await progress(id, leader);
        return reply.body.reachedAt && reply;
      },
      30_000,
      'reached',
    );
    expect(view.body).toMatchObject({
      status: 'active',
      escalationLevel: 0,
      totals: { targets: 5, acknowledged: 0, done: 0, overdue: 0 },
    });

    const head = await staffToken(system, 'unit_head', 'P-SAIGON', 'head-1');
    expect(
      (
        await call(system, 'POST', `/api/v1/directives/${id}/ack`, {
          token: await staffToken(system, 'unit_staff', 'P-BENTHANH'),
        })
      ).status,
    ).toBe(403);
    const acked = await call(system, 'POST', `/api/v1/directives/${id}/ack`, { token: head });
    expect(acked.status).toBe(200);
    expect(acked.body.units.find((u: { unitCode: string }) => u.unitCode === 'P-SAIGON')).toMatchObject({
      acknowledged: 3,
      acknowledgedBy: 'head-1',
    });
    expect(acked.body.totals).toMatchObject({ acknowledged: 3, done: 0 });
    expect((await call(system, 'POST', `/api/v1/directives/${id}/ack`, { token: head })).status).toBe(409);
    expect((await progress(id, await staffToken(system, 'unit_staff', 'SAWACO'))).status).toBe(200);
    expect((await progress(id, await staffToken(system, 'unit_staff', 'P-BENTHANH'))).status).toBe(403);

    const wardStaff = await staffToken(system, 'unit_staff', 'P-SAIGON');
    const waterStaff = await staffToken(system, 'unit_staff', 'SAWACO');
    for (const [report, token] of [
      ...ward.map((r) => [r, wardStaff] as const),
      ...sawaco.map((r) => [r, waterStaff] as const),
    ]) {
      await task(report.code, 'accept', token);
      await task(report.code, 'resolve', token, { result: 'Đã xử lý xong theo chỉ đạo.' });
    }
    const done = await eventually(
      async () => {
        const reply = await progress(id, leader);
        return reply.body.status === 'done' && reply.body;
      },
      30_000,
      'directive done',
    );
    expect(done.totals).toEqual({ targets: 5, acknowledged: 3, done: 5, overdue: 0 });
    expect(done.completedAt).toEqual(expect.any(String));
    expect(done.targets.every((t: { done: boolean; doneAt: string | null }) => t.done && t.doneAt)).toBe(true);
    expect((await call(system, 'POST', `/api/v1/directives/${id}/ack`, { token: waterStaff })).status).toBe(409);
  });
});

describe('due time', () => {
  it('when none is given, then the directive is due one working day from now by the calendar', async () => {
    const report = await submitRouted(system, waste('P-TANDINH'));
    const days = await loadCalendarDays(system.pool);
    const calendar = {
      holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.day),
      workdays: days.filter((d) => d.kind === 'workday').map((d) => d.day),
      officeHours: defaultOfficeHours,
    };
    const oneDay = { amount: 1, unit: 'working_days' as const };
    const before = addDuration(Date.now(), oneDay, calendar);
    const issued = await issue(await staffToken(system, 'leader', 'HCM'), {
      target: { reportCode: report.code },
      instruction,
    });
    const after = addDuration(Date.now(), oneDay, calendar);
    expect(issued.status).toBe(201);
    expect(Date.parse(issued.body.dueAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(issued.body.dueAt)).toBeLessThanOrEqual(after);
  });

  it('when the due time passes with a target not done, then its unit head is warned and the directive shows it overdue', async () => {
    const report = await submitRouted(system, waste('P-BENTHANH'));
    const leader = await staffToken(system, 'leader', 'HCM');
    const issued = await issue(leader, {
      target: { reportCode: report.code },
      instruction,
      due: new Date(Date.now() + 4_000).toISOString(),
    });
    expect(issued.status).toBe(201);
    const [warning] = await eventually(
      async () =>
        (await notices(issued.body.id, 'directive_overdue')).length > 0 && notices(issued.body.id, 'directive_overdue'),
      30_000,
      'overdue warning',
    );
    expect(warning.recipient).toBe('+84900000020');
    expect(warning.body).toMatch(
      /^PAKN TP.HCM: Canh bao cap 1: chi dao qua han .+, con 1 phan anh chua hoan thanh \(P-BENTHANH 1\)\. Noi dung: Khan truong/,
    );
    const view = (await progress(issued.body.id, leader)).body;
    expect(view).toMatchObject({ status: 'active', escalationLevel: 1, totals: { targets: 1, done: 0, overdue: 1 } });
    expect(view.targets[0]).toMatchObject({
      reportCode: report.code,
      unitCode: 'P-BENTHANH',
      overdue: true,
      done: false,
    });
  });
});

describe('refusals', () => {
  it('when a ward leader aims outside the ward, then 403; a target that matches nothing or a past due time, 422; other roles, 403', async () => {
    const saigonLeader = await staffToken(system, 'leader', 'P-SAIGON');
    const benthanh = await submitRouted(system, waste('P-BENTHANH'));
    for (const target of [{ unitCode: 'SAWACO' }, { wardCode: 'P-BENTHANH' }, { reportCode: benthanh.code }]) {
      const refused = await issue(saigonLeader, { target, instruction });
      expect(refused.status, JSON.stringify(target)).toBe(403);
      expect(refused.body.error.details[0].field).toBe(`target.${Object.keys(target)[0]}`);
    }
    expect((await issue(saigonLeader, { target: { categoryCode: 'FOOD_SAFETY' }, instruction })).body.error.code).toBe(
      'no_targets',
    );
    expect(
      (await issue(saigonLeader, { target: { unitCode: 'P-SAIGON' }, instruction, due: '2020-01-01T00:00:00+07:00' }))
        .body.error.details[0].field,
    ).toBe('due');
    expect((await issue(saigonLeader, { target: { unitCode: 'NOPE' }, instruction })).status).toBe(422);
    expect((await issue(saigonLeader, { target: { reportCode: 'PA00-000000' }, instruction })).status).toBe(404);
    expect((await issue(saigonLeader, { target: { unitCode: 'P-SAIGON', reportCode: 'x' }, instruction })).status).toBe(
      400,
    );
    expect(
      (
        await issue(await staffToken(system, 'unit_head', 'P-SAIGON'), {
          target: { unitCode: 'P-SAIGON' },
          instruction,
        })
      ).status,
    ).toBe(403);
    expect((await progress('not-a-uuid', saigonLeader)).status).toBe(404);
  });
});
