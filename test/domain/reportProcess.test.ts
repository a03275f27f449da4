// The report state machine as plain data: which actions each status allows, who may take them,
// and how alarms, ratings, re-opening, progress notes, comments, withdrawal, rejection, triage,
// extensions (approved and refused) and the rating window change the state.
import { describe, expect, it } from 'vitest';
import { Refusal } from '../../domain/refusal';
import { ReportProcess } from '../../domain/reportProcess';
import type { Assignment, DeadlinePlan } from '../../domain/report';
import type { StaffActor } from '../../domain/roles';

const hour = 3_600_000;
const ward: Assignment = {
  unitCode: 'P-SAIGON',
  unitPath: '/HCM/P-SAIGON/',
  priority: 'normal',
  ruleVersion: 1,
  ruleName: 'waste',
  sla: { accept: { amount: 8, unit: 'working_hours' }, resolve: { amount: 3, unit: 'working_days' } },
};
const plan = (start: number): DeadlinePlan => ({
  acceptDeadlineAt: start + 8 * hour,
  deadlineAt: start + 72 * hour,
  remindAt: [start + 54 * hour, start + 64 * hour],
  escalateAt: [start + 72 * hour, start + 76 * hour, start + 80 * hour],
});
const triagePlan = (start: number): DeadlinePlan => ({
  acceptDeadlineAt: null,
  deadlineAt: start + hour,
  remindAt: [start + 0.75 * hour],
  escalateAt: [],
});
const staff = (role: StaffActor['role'], unitCode = 'P-SAIGON', unitPath = `/HCM/${unitCode}/`): StaffActor => ({
  kind: 'staff',
  id: `${role}-1`,
  role,
  unitCode,
  unitPath,
});
const reporter = { kind: 'reporter' } as const;

function assigned(now = 0): ReportProcess {
  const process = new ReportProcess({ reportId: 'r1', code: 'PA26-000001', reopensToSameUnit: 1 });
  process.received(now);
  process.routed(ward, plan(now), now);
  return process;
}

function refusal(action: () => unknown): Refusal {
  try {
    action();
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('ReportProcess', () => {
  it('when a report is received and routed, then the steps are numbered and it is assigned with its deadlines', () => {
    const process = new ReportProcess({ reportId: 'r1', code: 'PA26-000001', reopensToSameUnit: 1 });
    const received = process.received(0);
    const routed = process.routed(ward, plan(0), 0);
    expect([received.seq, routed.seq]).toEqual([1, 2]);
    expect(received.notifications).toEqual([
      { template: 'report_ack', recipient: { kind: 'reporter' }, slots: { code: 'PA26-000001' } },
    ]);
    expect(routed.snapshot).toMatchObject({
      status: 'assigned',
      unitCode: 'P-SAIGON',
      deadlineAt: 72 * hour,
      acceptDeadlineAt: 8 * hour,
    });
    expect(process.nextAlarm()).toEqual({ kind: 'accept_late', at: 8 * hour });
  });

  it('when staff outside the unit or with the wrong role act, then they are forbidden; a wrong status is a conflict', () => {
    const process = assigned();
    expect(refusal(() => process.accept(staff('unit_staff', 'P-BENTHANH'), 1)).type).toBe('Forbidden');
    expect(refusal(() => process.accept(staff('leader', 'HCM', '/HCM/'), 1)).type).toBe('Forbidden');
    expect(refusal(() => process.resolve(staff('unit_staff'), 'done', [], 0, 1)).type).toBe('Conflict');
    expect(process.accept(staff('unit_head'), 1).snapshot.status).toBe('in_progress');
    expect(refusal(() => process.accept(staff('unit_staff'), 2)).type).toBe('Conflict');
  });

  it('when the report sits with a sub-unit, then staff of the unit above are in scope, and not the reverse', () => {
    const team: Assignment = { ...ward, unitCode: 'P-SAIGON-TEAM', unitPath: '/HCM/P-SAIGON/P-SAIGON-TEAM/' };
    const process = new ReportProcess({ reportId: 'r2', code: 'PA26-000002', reopensToSameUnit: 1 });
    process.routed(team, plan(0), 0);
    expect(process.accept(staff('unit_head'), 1).snapshot.status).toBe('in_progress');
    const upward = assigned();
    expect(
      refusal(() => upward.accept(staff('unit_staff', 'P-SAIGON-TEAM', '/HCM/P-SAIGON/P-SAIGON-TEAM/'), 1)).type,
    ).toBe('Forbidden');
  });

  it('when resolved before the deadline, then it is on time and only the rating window remains', () => {
    const process = assigned();
    process.accept(staff('unit_staff'), 1);
    const step = process.resolve(staff('unit_staff'), 'Đã xử lý', [], 500 * hour, 10 * hour);
    expect(step.snapshot).toMatchObject({ status: 'resolved', resolvedOnTime: true, overdue: false });
    expect(process.nextAlarm()).toEqual({ kind: 'rating_timeout', at: 500 * hour });
  });

  it('when alarms fire, then reminders, overdue and escalation levels follow in order, and stale ones do nothing', () => {
    const process = assigned();
    const fired: string[] = [];
    for (let alarm = process.nextAlarm(); alarm; alarm = process.nextAlarm()) {
      const step = process.fireAlarm(alarm, alarm.at);
      if (step) fired.push(step.event.type === 'escalated' ? `escalated:${step.event.details.level}` : step.event.type);
    }
    expect(fired).toEqual([
      'accept_late',
      'reminder',
      'reminder',
      'overdue',
      'escalated:1',
      'escalated:2',
      'escalated:3',
    ]);
    expect(process.snapshot()).toMatchObject({ overdue: true, escalationLevel: 3 });
    expect(process.fireAlarm({ kind: 'overdue', at: 0 }, 0)).toBeNull();
  });

  it('when an escalation fires, then each level goes to the next person up', () => {
    const process = assigned();
    const recipients = [];
    for (let alarm = process.nextAlarm(); alarm; alarm = process.nextAlarm()) {
      const step = process.fireAlarm(alarm, alarm.at);
      if (step?.event.type === 'escalated') recipients.push(step.notifications[0].recipient.kind);
    }
    expect(recipients).toEqual(['unit_head', 'parent_unit_head', 'leaders_over']);
  });

  it('when a dissatisfied rating comes, then it re-opens to the same unit once and then goes to triage', () => {
    const process = assigned();
    const resolve = (at: number) => {
      process.accept(staff('unit_staff'), at);
      process.resolve(staff('unit_staff'), 'Xong', [], at + 100 * hour, at);
    };
    resolve(1);
    const [, reopened] = process.rated(reporter, 1, 'chưa xong', plan(2 * hour), 2 * hour);
    expect(reopened.snapshot).toMatchObject({
      status: 'assigned',
      reopenCount: 1,
      resolvedAt: null,
      unitCode: 'P-SAIGON',
    });
    resolve(3 * hour);
    expect(process.reopensToUnit).toBe(false);
    const [, triaged] = process.rated(reporter, 2, null, null, 4 * hour);
    expect(triaged.snapshot).toMatchObject({ status: 'triage', reopenCount: 2, unitCode: null });
    expect(refusal(() => process.rated(reporter, 5, null, null, 5 * hour)).type).toBe('Conflict');
  });

  it('when the reporter is satisfied, then it closes and nothing more is allowed', () => {
    const process = assigned();
    process.accept(staff('unit_staff'), 1);
    process.resolve(staff('unit_staff'), 'Xong', [], 100 * hour, 2);
    const [rated, closed] = process.rated(reporter, 4, null, null, 3);
    expect(rated.event.type).toBe('rated');
    expect(closed.snapshot).toMatchObject({ status: 'closed', rating: 4 });
    expect(process.finished).toBe(true);
    expect(refusal(() => process.checkWithdraw(reporter)).type).toBe('Conflict');
    expect(refusal(() => process.checkComment(reporter)).type).toBe('Conflict');
  });

  it('when an extension is approved, then the deadline moves and a late report is no longer overdue', () => {
    const process = assigned();
    for (let alarm = process.nextAlarm(); alarm && alarm.kind !== 'escalate'; alarm = process.nextAlarm())
      process.fireAlarm(alarm, alarm.at);
    expect(process.snapshot().overdue).toBe(true);
    expect(refusal(() => process.extensionRequested(staff('unit_staff'), 'x', 10, 73 * hour)).type).toBe('Invalid');
    process.extensionRequested(staff('unit_staff'), 'phối hợp', 200 * hour, 73 * hour);
    expect(refusal(() => process.checkExtensionDecision(staff('unit_staff'))).type).toBe('Forbidden');
    const approved = process.extensionDecided(
      staff('coordinator', 'HCM-TT1022'),
      { plan: { ...plan(73 * hour), deadlineAt: 200 * hour } },
      'ok',
      73 * hour,
    );
    expect(approved.snapshot).toMatchObject({
      deadlineAt: 200 * hour,
      overdue: false,
      escalationLevel: 0,
      extensionPending: false,
    });
  });

  it('when a leader directs the report, then it becomes urgent and the deadline tightens', () => {
    const process = assigned();
    const step = process.directed(
      { directiveId: 'd1', instruction: 'Xử lý ngay', dueAt: 10 * hour, leaderId: 'leader-1' },
      { acceptDeadlineAt: null, deadlineAt: 10 * hour, remindAt: [], escalateAt: [] },
      hour,
    );
    expect(step.snapshot).toMatchObject({ priority: 'urgent', deadlineAt: 10 * hour });
    expect(step.event).toMatchObject({ type: 'directive', details: { directiveId: 'd1' } });
  });

  it('when the unit transfers with no other unit left, then the report goes to triage and the unit is excluded', () => {
    const process = assigned();
    const [transfer, triaged] = process.transferred(
      staff('unit_head'),
      'không thuộc thẩm quyền',
      { kind: 'triage', ruleVersion: 1, plan: triagePlan(5) },
      5,
    );
    expect(transfer.event.details).toMatchObject({ fromUnit: 'P-SAIGON', toUnit: null });
    expect(triaged.snapshot.status).toBe('triage');
    expect(process.excludedUnits).toEqual(['P-SAIGON']);
    // the unit's clocks are gone; only the desk's clock runs
    expect(process.nextAlarm()).toEqual({ kind: 'triage_remind', at: 5 + 0.75 * hour });
    expect(refusal(() => process.checkAssign(staff('unit_staff'))).type).toBe('Forbidden');
  });

  it('when the unit posts progress, then it is recorded with its note and only while the work is in progress', () => {
    const process = assigned();
    const early = refusal(() => process.progress(staff('unit_staff'), 'x', 1));
    expect([early.type, early.code]).toEqual(['Conflict', 'invalid_transition']);
    process.accept(staff('unit_staff'), 1);
    expect(refusal(() => process.progress(reporter, 'x', 2)).type).toBe('Forbidden');
    expect(refusal(() => process.progress(staff('unit_staff', 'P-BENTHANH'), 'x', 2)).code).toBe('not_assigned_unit');
    // A progress note is no excuse: a late report stays overdue and keeps its escalation clocks.
    for (let alarm = process.nextAlarm(); alarm && alarm.kind !== 'escalate'; alarm = process.nextAlarm())
      process.fireAlarm(alarm, alarm.at);
    const before = process.snapshot();
    const pending = process.nextAlarm();
    expect(before.overdue).toBe(true);
    const step = process.progress(staff('unit_staff'), 'Đã cử tổ thu gom', 73 * hour);
    expect(process.nextAlarm()).toEqual(pending);
    expect(step).toMatchObject({
      seq: 7,
      event: { type: 'progress', at: 73 * hour, details: { note: 'Đã cử tổ thu gom' } },
      notifications: [],
    });
    expect(step.snapshot).toEqual(before);
  });

  it('when the reporter withdraws an open report, then it ends, its timers stop and the unit head is told', () => {
    const process = assigned();
    expect(refusal(() => process.withdrawn(staff('unit_head'), 1)).code).toBe('reporter_only');
    const step = process.withdrawn(reporter, 5 * hour);
    expect(step.event).toMatchObject({ type: 'withdrawn', actor: reporter });
    expect(step.snapshot).toMatchObject({ status: 'withdrawn', closedAt: 5 * hour, overdue: false });
    expect(step.notifications).toEqual([
      {
        template: 'report_withdrawn',
        recipient: { kind: 'unit_head', unitCode: 'P-SAIGON' },
        slots: { code: 'PA26-000001' },
      },
    ]);
    expect(process.finished).toBe(true);
    expect(process.nextAlarm()).toBeUndefined();
    expect(refusal(() => process.accept(staff('unit_staff'), 6 * hour)).type).toBe('Conflict');
    expect(refusal(() => process.withdrawn(reporter, 6 * hour)).code).toBe('not_withdrawable');
  });

  it('when a report in triage is withdrawn, then no unit is told; a resolved report cannot be withdrawn', () => {
    const inTriage = new ReportProcess({ reportId: 'r3', code: 'PA26-000003', reopensToSameUnit: 1 });
    inTriage.received(0);
    inTriage.triaged(0, 'no_rule', triagePlan(0), 1);
    expect(inTriage.withdrawn(reporter, 1).notifications).toEqual([]);
    const done = assigned();
    done.accept(staff('unit_staff'), 1);
    done.resolve(staff('unit_staff'), 'Xong', [], 100 * hour, 2);
    expect(refusal(() => done.checkWithdraw(reporter)).code).toBe('not_withdrawable');
    expect(done.status).toBe('resolved');
  });

  it('when the reporter comments, then it is recorded with its channel in every open status and after the result', () => {
    const process = new ReportProcess({ reportId: 'r4', code: 'PA26-000004', reopensToSameUnit: 1 });
    process.received(0);
    expect(process.commented(reporter, 'Thêm ảnh', 'web', 1).event).toMatchObject({
      type: 'comment',
      actor: reporter,
      details: { comment: 'Thêm ảnh', via: 'web' },
    });
    process.routed(ward, plan(0), 0);
    expect(process.commented(reporter, 'Vẫn còn rác', 'open311', 2).snapshot.status).toBe('assigned');
    process.accept(staff('unit_staff'), 3);
    process.resolve(staff('unit_staff'), 'Xong', [], 100 * hour, 4);
    expect(process.commented(reporter, 'Cảm ơn', 'web', 5).snapshot.status).toBe('resolved');
    expect(refusal(() => process.commented(staff('unit_staff'), 'x', 'web', 6)).code).toBe('reporter_only');
    process.rated(reporter, 5, null, null, 6);
    expect(refusal(() => process.commented(reporter, 'x', 'web', 7)).code).toBe('report_closed');
  });

  it('when the rules refuse the report, then it is rejected and closed with the reason told to the reporter', () => {
    const process = new ReportProcess({ reportId: 'r5', code: 'PA26-000005', reopensToSameUnit: 1 });
    process.received(0);
    const step = process.rejected(1, {
      reasonVi: 'Khiếu nại gửi theo Luật Khiếu nại',
      reasonEn: 'Complaints follow the Law on Complaints',
      ruleVersion: 1,
      ruleName: 'complaints',
    });
    expect(step.event).toMatchObject({
      type: 'rejected',
      details: { reasonVi: 'Khiếu nại gửi theo Luật Khiếu nại', reasonEn: 'Complaints follow the Law on Complaints' },
    });
    expect(step.snapshot).toMatchObject({ status: 'rejected', closedAt: 1, unitCode: null });
    expect(step.notifications).toEqual([
      {
        template: 'report_rejected',
        recipient: { kind: 'reporter' },
        slots: { code: 'PA26-000005', reason: 'Khiếu nại gửi theo Luật Khiếu nại' },
      },
    ]);
    expect(process.finished).toBe(true);
    expect(process.nextAlarm()).toBeUndefined();
    expect(refusal(() => process.checkComment(reporter)).type).toBe('Conflict');
    expect(refusal(() => process.checkWithdraw(reporter)).type).toBe('Conflict');
  });

  it('when no rule matches, then the report waits in triage on the desk clock until a coordinator assigns it', () => {
    const process = new ReportProcess({ reportId: 'r6', code: 'PA26-000006', reopensToSameUnit: 1 });
    process.received(0);
    const triaged = process.triaged(1, 'no_rule', triagePlan(1), 1);
    expect(triaged.event).toMatchObject({ type: 'triaged', details: { reason: 'no routing rule matched' } });
    expect(triaged.snapshot).toMatchObject({
      status: 'triage',
      unitCode: null,
      deadlineAt: 1 + hour,
      acceptDeadlineAt: null,
    });
    expect(triaged.notifications).toMatchObject([
      { template: 'triage_needed', recipient: { kind: 'coordinator' }, slots: { code: 'PA26-000006' } },
    ]);
    expect(process.nextAlarm()).toEqual({ kind: 'triage_remind', at: 1 + 0.75 * hour });
    // no unit holds it: a unit is told it may not act before it is told the status
    expect(refusal(() => process.accept(staff('unit_staff'), 2)).type).toBe('Forbidden');
    expect(refusal(() => process.assigned(staff('unit_head'), ward, plan(2), 2)).code).toBe('coordinator_only');
    expect(refusal(() => process.assigned(staff('leader', 'HCM', '/HCM/'), ward, plan(2), 2)).code).toBe(
      'coordinator_only',
    );

    const step = process.assigned(staff('coordinator', 'HCM-TT1022'), { ...ward, priority: 'high' }, plan(2), 2);
    expect(step.event).toMatchObject({
      type: 'assigned',
      actor: { kind: 'staff', role: 'coordinator' },
      details: { unitCode: 'P-SAIGON', priority: 'high' },
    });
    expect(step.snapshot).toMatchObject({ status: 'assigned', unitCode: 'P-SAIGON', deadlineAt: 2 + 72 * hour });
    expect(step.notifications[0]).toMatchObject({ recipient: { kind: 'unit_head', unitCode: 'P-SAIGON' } });
    expect(process.nextAlarm()).toEqual({ kind: 'accept_late', at: 2 + 8 * hour });
    const again = refusal(() => process.assigned(staff('admin', 'HCM', '/HCM/'), ward, plan(3), 3));
    expect([again.type, again.code]).toEqual(['Conflict', 'invalid_transition']);
  });

  it('when the unit transfers and another unit matches, then the report is routed there with fresh clocks', () => {
    const process = assigned();
    for (let alarm = process.nextAlarm(); alarm && alarm.kind !== 'escalate'; alarm = process.nextAlarm())
      process.fireAlarm(alarm, alarm.at);
    process.fireAlarm(process.nextAlarm()!, 72 * hour);
    expect(process.snapshot()).toMatchObject({ overdue: true, escalationLevel: 1 });
    const department: Assignment = { ...ward, unitCode: 'SNNMT', unitPath: '/HCM/SNNMT/' };
    const [transfer, routed] = process.transferred(
      staff('unit_staff'),
      'không thuộc thẩm quyền',
      { kind: 'route', assignment: department, plan: plan(73 * hour) },
      73 * hour,
    );
    expect(transfer.event.details).toEqual({ fromUnit: 'P-SAIGON', reason: 'không thuộc thẩm quyền', toUnit: 'SNNMT' });
    expect(routed.snapshot).toMatchObject({
      status: 'assigned',
      unitCode: 'SNNMT',
      overdue: false,
      escalationLevel: 0,
      deadlineAt: 145 * hour,
    });
    expect(process.nextAlarm()).toEqual({ kind: 'accept_late', at: 81 * hour });
    expect(refusal(() => process.accept(staff('unit_staff'), 74 * hour)).code).toBe('not_assigned_unit');
  });

  it('when an extension is refused, then the deadline and every timer stay as they were', () => {
    const process = assigned();
    process.accept(staff('unit_staff'), 1);
    expect(refusal(() => process.checkExtensionDecision(staff('coordinator', 'HCM-TT1022'))).code).toBe(
      'no_extension_pending',
    );
    const alarmsBefore = [];
    for (const probe = assigned(); probe.nextAlarm();) {
      const alarm = probe.nextAlarm()!;
      probe.fireAlarm(alarm, alarm.at);
      if (alarm.kind !== 'accept_late') alarmsBefore.push(alarm);
    }
    process.extensionRequested(staff('unit_staff'), 'Cần phối hợp', 100 * hour, 2);
    const pending = refusal(() => process.extensionRequested(staff('unit_staff'), 'lại', 120 * hour, 3));
    expect([pending.type, pending.code]).toEqual(['Conflict', 'extension_pending']);
    expect(process.snapshot().extensionPending).toBe(true);
    const refused = process.extensionDecided(staff('coordinator', 'HCM-TT1022'), null, 'Không đủ căn cứ', 4);
    expect(refused.event).toMatchObject({ type: 'extension_refused', details: { note: 'Không đủ căn cứ' } });
    expect(refused.snapshot).toMatchObject({ extensionPending: false, deadlineAt: 72 * hour });
    expect(refused.notifications).toMatchObject([
      {
        template: 'extension_refused',
        recipient: { kind: 'unit_head', unitCode: 'P-SAIGON' },
        slots: { code: 'PA26-000001', deadline: 72 * hour, reason: 'Không đủ căn cứ' },
      },
    ]);
    const alarmsAfter = [];
    for (let alarm = process.nextAlarm(); alarm; alarm = process.nextAlarm()) {
      process.fireAlarm(alarm, alarm.at);
      alarmsAfter.push(alarm);
    }
    expect(alarmsAfter).toEqual(alarmsBefore);
  });

  it('when an extension is approved, then reminders and escalations follow the new plan and the old ones are gone', () => {
    const process = assigned();
    process.accept(staff('unit_staff'), 1);
    process.extensionRequested(staff('unit_staff'), 'Cần phối hợp', 200 * hour, 2);
    const newPlan: DeadlinePlan = {
      acceptDeadlineAt: null,
      deadlineAt: 200 * hour,
      remindAt: [1, 190 * hour],
      escalateAt: [200 * hour, 204 * hour, 210 * hour],
    };
    process.extensionDecided(staff('coordinator', 'HCM-TT1022'), { plan: newPlan }, 'ok', 2);
    const fired = [];
    for (let alarm = process.nextAlarm(); alarm; alarm = process.nextAlarm()) {
      const step = process.fireAlarm(alarm, alarm.at);
      fired.push([step?.event.type, alarm.at / hour]);
    }
    // The reminder already in the past is dropped; nothing of the old plan (54 h, 64 h, 72 h...) fires.
    expect(fired).toEqual([
      ['reminder', 190],
      ['overdue', 200],
      ['escalated', 200],
      ['escalated', 204],
      ['escalated', 210],
    ]);
  });

  it('when the rating window closes with no rating, then the report closes by itself; a late alarm after a rating does nothing', () => {
    const process = assigned();
    process.accept(staff('unit_staff'), 1);
    process.resolve(staff('unit_staff'), 'Xong', [], 200 * hour, 10 * hour);
    const timeout = process.nextAlarm()!;
    expect(timeout).toEqual({ kind: 'rating_timeout', at: 200 * hour });
    const closed = process.fireAlarm(timeout, 200 * hour)!;
    expect(closed.event).toMatchObject({ type: 'closed', actor: { kind: 'system' }, details: { reason: 'no rating' } });
    expect(closed.snapshot).toMatchObject({ status: 'closed', closedAt: 200 * hour, rating: null });
    expect(process.finished).toBe(true);
    expect(process.nextAlarm()).toBeUndefined();
    expect(refusal(() => process.checkRating(reporter)).code).toBe('not_rateable');

    const rated = assigned();
    rated.accept(staff('unit_staff'), 1);
    rated.resolve(staff('unit_staff'), 'Xong', [], 200 * hour, 10 * hour);
    const stale = rated.nextAlarm()!;
    rated.rated(reporter, 4, null, null, 11 * hour);
    expect(rated.fireAlarm(stale, 200 * hour)).toBeNull();
    expect(rated.snapshot()).toMatchObject({ status: 'closed', closedAt: 11 * hour, rating: 4 });
  });

  it('when the unit accepts in time, then the accept clock no longer fires and the unit head hears of a late one', () => {
    const late = assigned();
    const alarm = late.nextAlarm()!;
    const step = late.fireAlarm(alarm, alarm.at)!;
    expect(step.event.type).toBe('accept_late');
    expect(step.notifications).toMatchObject([
      {
        template: 'report_accept_late',
        recipient: { kind: 'unit_head', unitCode: 'P-SAIGON' },
        slots: { code: 'PA26-000001', deadline: 72 * hour, acceptDeadline: 8 * hour },
      },
    ]);
    const onTime = assigned();
    const acceptClock = onTime.nextAlarm()!;
    onTime.accept(staff('unit_staff'), hour);
    expect(onTime.nextAlarm()).toEqual({ kind: 'remind', at: 54 * hour });
    expect(onTime.fireAlarm(acceptClock, acceptClock.at)).toBeNull();
  });

  it('when a reporter or a coordinator tries unit work, or a unit tries coordinator work, then they are forbidden', () => {
    const process = assigned();
    expect(refusal(() => process.checkTransfer(reporter)).code).toBe('unit_staff_only');
    expect(refusal(() => process.checkTransfer(staff('coordinator', 'HCM-TT1022'))).code).toBe('unit_staff_only');
    expect(refusal(() => process.checkExtensionRequest(staff('operator', 'HCM-TT1022'), 100 * hour, 1)).type).toBe(
      'Forbidden',
    );
    process.extensionRequested(staff('unit_staff'), 'x', 100 * hour, 1);
    expect(refusal(() => process.checkExtensionDecision(staff('unit_head'))).code).toBe('coordinator_only');
    expect(refusal(() => process.checkRating(staff('unit_head'))).code).toBe('reporter_only');
  });

  it('when another unit acts on a report in a status it could not act on anyway, then it is told it may not act (403), not the status', () => {
    const process = assigned();
    process.accept(staff('unit_staff'), 1);
    expect(refusal(() => process.accept(staff('unit_staff', 'P-BENTHANH'), 2)).code).toBe('not_assigned_unit');
    expect(refusal(() => process.accept(staff('unit_staff'), 2)).code).toBe('invalid_transition');
  });

  it('when no rule places a report, then triage has a deadline, a reminder to the desk and an alert to its head, and records the rule set', () => {
    const process = new ReportProcess({ reportId: 'r3', code: 'PA26-000003', reopensToSameUnit: 1 });
    process.received(0);
    const triaged = process.triaged(0, 'no_rule', triagePlan(0), 4);
    expect(triaged.snapshot).toMatchObject({ status: 'triage', deadlineAt: hour, ruleVersion: 4, overdue: false });
    expect(triaged.event.details).toMatchObject({ reason: 'no routing rule matched', ruleVersion: 4 });
    const reminder = process.fireAlarm(process.nextAlarm()!, 0.75 * hour)!;
    expect(reminder.event.type).toBe('triage_reminder');
    const late = process.fireAlarm(process.nextAlarm()!, hour)!;
    expect(late.event.type).toBe('triage_overdue');
    expect(late.snapshot).toMatchObject({ overdue: true, escalationLevel: 1 });
    const routed = process.assigned(staff('coordinator', 'HCM-TT1022'), ward, plan(2 * hour), 2 * hour);
    expect(routed.snapshot).toMatchObject({
      status: 'assigned',
      overdue: false,
      escalationLevel: 0,
      deadlineAt: 74 * hour,
    });
    expect(process.nextAlarm()?.kind).toBe('accept_late');
  });

  it('when a coordinator reassigns an assigned report, then it goes to the new unit under fresh clocks; units may not', () => {
    const process = assigned();
    process.accept(staff('unit_staff'), 1);
    const coordinator = staff('coordinator', 'HCM-TT1022');
    const other: Assignment = { ...ward, unitCode: 'P-BENTHANH', unitPath: '/HCM/P-BENTHANH/' };
    expect(refusal(() => process.checkReassign(staff('unit_head'), 'P-BENTHANH')).type).toBe('Forbidden');
    expect(refusal(() => process.checkReassign(coordinator, 'P-SAIGON')).code).toBe('same_unit');
    const step = process.reassigned(coordinator, 'Thuộc địa bàn phường Bến Thành', other, plan(hour), hour);
    expect(step.event).toMatchObject({ type: 'reassigned', details: { fromUnit: 'P-SAIGON', unitCode: 'P-BENTHANH' } });
    expect(step.snapshot).toMatchObject({ status: 'assigned', unitCode: 'P-BENTHANH', acceptedAt: null });
    expect(refusal(() => process.accept(staff('unit_staff'), 2)).type).toBe('Forbidden');
    expect(process.accept(staff('unit_staff', 'P-BENTHANH'), 2).snapshot.status).toBe('in_progress');
  });

  it('when the rules refuse a report, then the refusal records the rule set version and rule', () => {
    const process = new ReportProcess({ reportId: 'r4', code: 'PA26-000004', reopensToSameUnit: 1 });
    const step = process.rejected(0, { reasonVi: 'vi', reasonEn: 'en', ruleVersion: 5, ruleName: 'complaints' });
    expect(step.snapshot).toMatchObject({ status: 'rejected', ruleVersion: 5 });
    expect(step.event.details).toMatchObject({ ruleVersion: 5, ruleName: 'complaints' });
  });
});
