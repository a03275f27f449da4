// Every step of a report's process that notifies someone, mapped to the one template it sends and
// to whom: a message says what happened (approved until when, refused why), never a stock reminder.
import { describe, expect, it } from 'vitest';
import { renderMessage, templateNames } from '../../domain/messages';
import { ReportProcess } from '../../domain/reportProcess';
import type { Assignment, DeadlinePlan, Step } from '../../domain/report';
import type { StaffActor } from '../../domain/roles';

const hour = 3_600_000;
const sla = { accept: { amount: 8, unit: 'working_hours' }, resolve: { amount: 3, unit: 'working_days' } } as const;
const saigon: Assignment = {
  unitCode: 'P-SAIGON',
  unitPath: '/HCM/P-SAIGON/',
  priority: 'normal',
  ruleVersion: 1,
  ruleName: 'waste',
  sla,
};
const benThanh: Assignment = { ...saigon, unitCode: 'P-BENTHANH', unitPath: '/HCM/P-BENTHANH/' };
const plan = (start: number): DeadlinePlan => ({
  acceptDeadlineAt: start + 8 * hour,
  deadlineAt: start + 72 * hour,
  remindAt: [start + 54 * hour],
  escalateAt: [start + 72 * hour, start + 76 * hour, start + 80 * hour],
});
const triagePlan = (start: number): DeadlinePlan => ({
  acceptDeadlineAt: null,
  deadlineAt: start + hour,
  remindAt: [start + 0.75 * hour],
  escalateAt: [],
});
const staff = (role: StaffActor['role'], unitCode = 'P-SAIGON'): StaffActor => ({
  kind: 'staff',
  id: `${role}-1`,
  role,
  unitCode,
  unitPath: `/HCM/${unitCode}/`,
});
const coordinator = staff('coordinator', 'HCM-TT1022');
const reporter = { kind: 'reporter' } as const;

const fresh = () => new ReportProcess({ reportId: 'r1', code: 'PA26-000001', reopensToSameUnit: 0 });
function assigned(): ReportProcess {
  const process = fresh();
  process.received(0);
  process.routed(saigon, plan(0), 0);
  return process;
}
function inTriage(): ReportProcess {
  const process = fresh();
  process.received(0);
  process.triaged(0, 'no_rule', triagePlan(0), 3);
  return process;
}
function fire(process: ReportProcess, kind: string): Step {
  for (let alarm = process.nextAlarm(); alarm; alarm = process.nextAlarm()) {
    const step = process.fireAlarm(alarm, alarm.at);
    if (alarm.kind === kind) return step!;
  }
  throw new Error(`no ${kind} alarm`);
}
function withExtensionRequest(): ReportProcess {
  const process = assigned();
  process.extensionRequested(staff('unit_staff'), 'Cần phối hợp liên ngành', 100 * hour, hour);
  return process;
}
function resolved(): ReportProcess {
  const process = assigned();
  process.accept(staff('unit_staff'), 1);
  process.resolve(staff('unit_staff'), 'Đã xử lý', [], 500 * hour, 2);
  return process;
}

/** step → [template, recipient kind, slots it must carry] for each notification, in order */
const table: [string, () => Step | Step[], [string, string, Record<string, unknown>][]][] = [
  ['received', () => fresh().received(0), [['report_ack', 'reporter', {}]]],
  [
    'routed',
    () => fresh().routed(saigon, plan(0), 0),
    [['report_assigned_unit', 'unit_head', { deadline: 72 * hour }]],
  ],
  [
    'triaged',
    () => fresh().triaged(0, 'no_rule', triagePlan(0), 3),
    [['triage_needed', 'coordinator', { deadline: hour, reason: 'chưa xác định được đơn vị có thẩm quyền' }]],
  ],
  [
    'rejected',
    () => fresh().rejected(0, { reasonVi: 'Gửi Ban Tiếp công dân', reasonEn: 'x', ruleVersion: 1, ruleName: 'c' }),
    [['report_rejected', 'reporter', { reason: 'Gửi Ban Tiếp công dân' }]],
  ],
  [
    'accept_late',
    () => fire(assigned(), 'accept_late'),
    [['report_accept_late', 'unit_head', { acceptDeadline: 8 * hour }]],
  ],
  ['reminder', () => fire(assigned(), 'remind'), [['report_reminder', 'unit_head', { deadline: 72 * hour }]]],
  ['overdue', () => fire(assigned(), 'overdue'), []],
  ['escalated', () => fire(assigned(), 'escalate'), [['report_overdue_escalation', 'unit_head', { level: 1 }]]],
  [
    'triage_reminder',
    () => fire(inTriage(), 'triage_remind'),
    [['triage_reminder', 'coordinator', { deadline: hour }]],
  ],
  ['triage_overdue', () => fire(inTriage(), 'triage_overdue'), [['triage_overdue', 'desk_head', { deadline: hour }]]],
  [
    'extension_requested',
    () => assigned().extensionRequested(staff('unit_staff'), 'Cần phối hợp liên ngành', 100 * hour, hour),
    [
      [
        'extension_requested',
        'coordinator',
        { until: 100 * hour, reason: 'Cần phối hợp liên ngành', unit: 'P-SAIGON' },
      ],
    ],
  ],
  [
    'extension_approved',
    () =>
      withExtensionRequest().extensionDecided(
        coordinator,
        { plan: { ...plan(hour), deadlineAt: 100 * hour } },
        '',
        hour,
      ),
    [['extension_approved', 'unit_head', { deadline: 100 * hour }]],
  ],
  [
    'extension_refused',
    () => withExtensionRequest().extensionDecided(coordinator, null, 'Không đủ căn cứ', hour),
    [['extension_refused', 'unit_head', { deadline: 72 * hour, reason: 'Không đủ căn cứ' }]],
  ],
  [
    'assigned',
    () => inTriage().assigned(coordinator, saigon, plan(hour), hour),
    [['report_assigned_unit', 'unit_head', { deadline: 73 * hour }]],
  ],
  [
    'reassigned',
    () => assigned().reassigned(coordinator, 'Thuộc địa bàn phường Bến Thành', benThanh, plan(hour), hour),
    [
      ['report_reassigned', 'unit_head', { unit: 'P-BENTHANH', reason: 'Thuộc địa bàn phường Bến Thành' }],
      ['report_assigned_unit', 'unit_head', { deadline: 73 * hour }],
    ],
  ],
  [
    'transferred to triage',
    () =>
      assigned().transferred(
        staff('unit_head'),
        'Không thuộc thẩm quyền',
        { kind: 'triage', ruleVersion: 1, plan: triagePlan(hour) },
        hour,
      ),
    [['triage_needed', 'coordinator', { reason: 'đơn vị chuyển trả, không còn đơn vị phù hợp' }]],
  ],
  [
    'resolved',
    () => {
      const p = assigned();
      p.accept(staff('unit_staff'), 1);
      return p.resolve(staff('unit_staff'), 'Xong', [], 9, 2);
    },
    [['report_resolved', 'reporter', {}]],
  ],
  [
    'reopened to triage',
    () => resolved().rated(reporter, 1, null, triagePlan(3), 3),
    [['triage_needed', 'coordinator', { reason: 'người dân chưa hài lòng với kết quả xử lý', deadline: 3 + hour }]],
  ],
  ['withdrawn', () => assigned().withdrawn(reporter, 1), [['report_withdrawn', 'unit_head', {}]]],
];

describe('notifications per step', () => {
  it.each(table)('when the step is %s, then it sends exactly its own template', (_, run, expected) => {
    const steps = [run()].flat();
    const sent = steps.flatMap((step) => step.notifications);
    expect(sent.map((n) => [n.template, n.recipient.kind])).toEqual(expected.map(([t, r]) => [t, r]));
    sent.forEach((notification, index) => {
      expect(notification.slots).toMatchObject(expected[index]![2]);
      // every intent renders: its template's required slots are all there
      expect(() =>
        renderMessage(notification.template, { ...notification.slots, trackUrl: 'https://x' }),
      ).not.toThrow();
    });
  });

  it('when listing templates that the steps send, then the reminder text goes out only as a reminder', () => {
    const templatesByStep = table.map(([step, , expected]) => [step, expected.map(([t]) => t)] as const);
    const reminders = templatesByStep.filter(([, names]) => names.includes('report_reminder')).map(([step]) => step);
    expect(reminders).toEqual(['reminder']);
    for (const [, names] of templatesByStep) for (const name of names) expect(templateNames).toContain(name);
  });

  it('when an extension is refused or approved, then the unit reads why, or until when', () => {
    const refused = withExtensionRequest().extensionDecided(coordinator, null, 'Không đủ căn cứ', hour);
    const refusal = renderMessage(refused.notifications[0]!.template, refused.notifications[0]!.slots);
    expect(refusal.smsText).toContain('khong duoc chap thuan');
    expect(refusal.smsText).toContain('Khong du can cu');
    const approved = withExtensionRequest().extensionDecided(
      coordinator,
      { plan: { ...plan(hour), deadlineAt: Date.parse('2026-03-10T10:00:00Z') } },
      '',
      hour,
    );
    const approval = renderMessage(approved.notifications[0]!.template, approved.notifications[0]!.slots);
    expect(approval.smsText).toContain('duoc chap thuan. Han xu ly moi: 17:00 10/03/2026');
  });
});
