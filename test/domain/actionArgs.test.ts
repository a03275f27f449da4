// The shape checks of workflow arguments and the extension decision's deadline rule, directly.
import { describe, expect, it } from 'vitest';
import { Refusal } from '../../domain/refusal';
import { ReportProcess } from '../../domain/reportProcess';
import { updateArgumentChecks, checkDirectiveOrder } from '../../workflows/report/messages';

const actor = {
  kind: 'staff',
  id: 'a@P',
  role: 'unit_staff',
  unitCode: 'P-SAIGON',
  unitPath: '/HCM/P-SAIGON/',
} as const;
const refusedField = (work: () => unknown): string | undefined => {
  try {
    work();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(Refusal);
    return (error as Refusal).field;
  }
};

describe('Update argument checks', () => {
  it('accept well-formed arguments', () => {
    expect(refusedField(() => updateArgumentChecks.progress([{ actor, note: 'Đang xử lý' }]))).toBeUndefined();
    expect(
      refusedField(() => updateArgumentChecks.decideExtension([{ actor, approve: true, note: '' }])),
    ).toBeUndefined();
    expect(refusedField(() => updateArgumentChecks.rate([{ score: 4, comment: null }]))).toBeUndefined();
    expect(refusedField(() => updateArgumentChecks.withdraw([]))).toBeUndefined();
  });

  it('refuse each malformed argument naming its field', () => {
    expect(refusedField(() => updateArgumentChecks.progress([{ actor, note: 'a\u0000b' }]))).toBe('note');
    expect(
      refusedField(() => updateArgumentChecks.progress([{ actor: { ...actor, unitPath: 'HCM' }, note: 'x' }])),
    ).toBe('actor.unitPath');
    expect(refusedField(() => updateArgumentChecks.requestExtension([{ actor, reason: 'abc', until: 1.5 }]))).toBe(
      'until',
    );
    expect(
      refusedField(() => updateArgumentChecks.decideExtension([{ actor, approve: true, until: -1, note: '' }])),
    ).toBe('until');
    expect(refusedField(() => updateArgumentChecks.resolve([{ actor, result: 'done', media: [''] }]))).toBe('media[0]');
    expect(refusedField(() => updateArgumentChecks.rate([{ score: 0, comment: null }]))).toBe('score');
    expect(refusedField(() => updateArgumentChecks.comment([null]))).toBe('comment');
    expect(refusedField(() => updateArgumentChecks.withdraw([1]))).toBe('args');
    expect(
      refusedField(() => checkDirectiveOrder({ directiveId: 'd', instruction: 'x', dueAt: 'soon', leaderId: 'l' })),
    ).toBe('dueAt');
  });
});

describe('deciding an extension', () => {
  const coordinator = { ...actor, role: 'coordinator' as const, unitPath: '/HCM/' } as const;
  const pending = () => {
    const process = new ReportProcess({ reportId: 'r', code: 'C', reopensToSameUnit: 1 });
    const start = Date.UTC(2026, 2, 2, 1);
    process.routed(
      {
        unitCode: 'P-SAIGON',
        unitPath: '/HCM/P-SAIGON/',
        priority: 'normal',
        sla: { accept: { amount: 1, unit: 'working_days' }, resolve: { amount: 5, unit: 'working_days' } },
        ruleVersion: 1,
        ruleName: 'r',
      },
      { acceptDeadlineAt: null, deadlineAt: start + 5 * 86_400_000, remindAt: [], escalateAt: [] },
      start,
    );
    process.extensionRequested(actor as never, 'cần thêm thời gian', start + 9 * 86_400_000, start);
    return { process, start };
  };

  it('refuses an approval whose new deadline is not in the future, with or without "until"', () => {
    const { process, start } = pending();
    const now = start + 3_600_000;
    expect(
      refusedField(() => process.checkExtensionDecision(coordinator, { approve: true, until: now - 1, now })),
    ).toBe('until');
    const afterRequested = start + 10 * 86_400_000;
    expect(
      refusedField(() => process.checkExtensionDecision(coordinator, { approve: true, now: afterRequested })),
    ).toBe('until');
    // A refusal needs no deadline, only its reason.
    expect(
      refusedField(() => process.checkExtensionDecision(coordinator, { approve: false, now: afterRequested })),
    ).toBe('note');
    expect(
      refusedField(() =>
        process.checkExtensionDecision(coordinator, { approve: false, note: 'Chưa đủ căn cứ', now: afterRequested }),
      ),
    ).toBeUndefined();
    expect(refusedField(() => process.checkExtensionDecision(coordinator, { approve: true, now }))).toBeUndefined();
  });

  it('a checkpoint puts the whole process back', () => {
    const { process, start } = pending();
    const before = process.snapshot();
    const rollback = process.checkpoint();
    process.extensionDecided(coordinator, null, 'không', start + 1);
    expect(process.snapshot().extensionPending).toBe(false);
    rollback();
    expect(process.snapshot()).toEqual(before);
    expect(process.requestedExtensionUntil).toBe(start + 9 * 86_400_000);
  });
});
