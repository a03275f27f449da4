// A directive's progress: one notice per unit, acknowledgement guards, settling, reminders and escalation.
import { describe, expect, it } from 'vitest';
import { DirectiveProgress } from '../../domain/directive';
import { Refusal } from '../../domain/refusal';
import type { StaffActor } from '../../domain/roles';

const staff = (role: StaffActor['role'], unitCode: string): StaffActor => ({
  kind: 'staff',
  id: `${role}@${unitCode}`,
  role,
  unitCode,
  unitPath: `/HCM/${unitCode}/`,
});

function progress() {
  return new DirectiveProgress({
    targets: [
      { reportId: 'r1', unitCode: 'P-SAIGON' },
      { reportId: 'r2', unitCode: 'P-SAIGON' },
      { reportId: 'r3', unitCode: 'SAWACO' },
    ],
    units: [
      { unitCode: 'P-SAIGON', unitPath: '/HCM/P-SAIGON/', targets: 2 },
      { unitCode: 'SAWACO', unitPath: '/HCM/SAWACO/', targets: 1 },
    ],
    remindAt: [100],
    escalateAt: [200, 300],
  });
}

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof Refusal ? { type: error.type, code: error.code } : error;
  }
  return undefined;
};

describe('DirectiveProgress', () => {
  it('when issued, then each targeted unit head gets one notice with its number of reports', () => {
    expect(
      progress()
        .issuedNotices()
        .map((n) => [n.recipient, n.count, n.template]),
    ).toEqual([
      [{ kind: 'unit_head', unitCode: 'P-SAIGON' }, 2, 'directive_issued'],
      [{ kind: 'unit_head', unitCode: 'SAWACO' }, 1, 'directive_issued'],
    ]);
  });

  it('when targets settle, then each counts once and the directive is done when all have', () => {
    const p = progress();
    expect(p.settle('r1')).toBe(true);
    expect(p.settle('r1')).toBe(false);
    expect(p.pendingByUnit()).toEqual([
      ['P-SAIGON', 1],
      ['SAWACO', 1],
    ]);
    p.settle('r2');
    p.settle('r3');
    expect(p.allDone).toBe(true);
  });

  it('when units acknowledge, then only staff of a targeted unit may, and only once', () => {
    const p = progress();
    expect(refusal(() => p.acknowledge(staff('unit_staff', 'P-BENTHANH')))).toEqual({
      type: 'Forbidden',
      code: 'not_targeted',
    });
    expect(refusal(() => p.acknowledge(staff('leader', 'P-SAIGON')))).toEqual({ type: 'Forbidden', code: 'unit_only' });
    expect(p.acknowledge(staff('unit_head', 'P-SAIGON'))).toEqual(['P-SAIGON']);
    expect(refusal(() => p.acknowledge(staff('unit_staff', 'P-SAIGON')))).toEqual({
      type: 'Conflict',
      code: 'already_acknowledged',
    });
  });

  it('when alarms fire, then reminders and the first escalation go to heads of units not done, later ones to the leader', () => {
    const p = progress();
    p.settle('r3');
    const remind = p.nextAlarm()!;
    expect(remind).toEqual({ kind: 'remind', at: 100 });
    expect(p.fire(remind)).toEqual([
      {
        template: 'directive_reminder',
        recipient: { kind: 'unit_head', unitCode: 'P-SAIGON' },
        occasion: 'remind-1',
        count: 2,
        units: 'P-SAIGON',
        level: 0,
      },
    ]);
    expect(p.fire(p.nextAlarm()!)).toEqual([
      {
        template: 'directive_overdue',
        recipient: { kind: 'unit_head', unitCode: 'P-SAIGON' },
        occasion: 'escalate-1',
        count: 2,
        units: 'P-SAIGON 2',
        level: 1,
      },
    ]);
    expect(p.fire(p.nextAlarm()!)).toEqual([
      {
        template: 'directive_overdue',
        recipient: { kind: 'leader' },
        occasion: 'escalate-2',
        count: 2,
        units: 'P-SAIGON 2',
        level: 2,
      },
    ]);
    expect(p.nextAlarm()).toBeUndefined();
  });

  it('when every target is done before an alarm, then the alarm tells nobody', () => {
    const p = progress();
    ['r1', 'r2', 'r3'].forEach((id) => p.settle(id));
    expect(p.fire(p.nextAlarm()!)).toEqual([]);
  });
});
