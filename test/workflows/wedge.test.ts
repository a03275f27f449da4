// One bad input must never wedge a report: a refused argument leaves no trace in history, an
// activity's deterministic failure comes back as a refusal at once, every API wait on Temporal is
// bounded (503 + Retry-After), and a retried action with the same Idempotency-Key applies once.
// Against the real dev server, worker, PostgreSQL and API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import * as messages from '../../workflows/report/messages';
import { call, eventually, staffToken, startTestSystem, type TestSystem } from '../support/system';
import { accepted, withExtensionPending } from '../support/reports';

let system: TestSystem;
// The default bound: short enough to test the 503, long enough for a loaded CI machine.
const updateWaitMs = 5000;
beforeAll(async () => {
  system = await startTestSystem({ TEMPORAL_UPDATE_WAIT_MS: String(updateWaitMs) });
});
afterAll(async () => system?.stop());

const unitStaff = () => staffToken(system, 'unit_staff', 'P-SAIGON', 'fixture@P-SAIGON');
const coordinator = () => staffToken(system, 'coordinator', 'HCM-TT1022');
const task = async (code: string, action: string, token: string, body: unknown = {}, key?: string) =>
  call(system, 'POST', `/api/v1/tasks/${code}/${action}`, {
    token,
    body,
    headers: key ? { 'idempotency-key': key } : {},
  });
const timelineTypes = async (code: string) =>
  (await call(system, 'GET', `/api/v1/tasks/${code}`, { token: await coordinator() })).body.timeline.map(
    (entry: { type: string }) => entry.type,
  );
const handleOf = (id: string) => system.client.workflow.getHandle(messages.reportWorkflowId(id));
const acceptedUpdates = async (id: string) =>
  (await handleOf(id).fetchHistory()).events!.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes)
    .length;

/** Sends an Update straight to the workflow (as any Temporal client could) and returns how it was refused. */
async function refusalOf(id: string, update: string, args: unknown[]): Promise<ApplicationFailure> {
  const error = await handleOf(id)
    .executeUpdate(update, { args: args as [unknown] })
    .then(
      () => undefined,
      (failure: unknown) => failure,
    );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

describe('a bad argument is refused before it enters history', () => {
  it('approving an extension with "until" an hour ago answers 422 at once, and the report keeps working', async () => {
    const report = await withExtensionPending(system);
    const started = Date.now();
    const decision = await task(report.code, 'extension/decision', await coordinator(), {
      approve: true,
      until: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(Date.now() - started).toBeLessThan(updateWaitMs);
    expect(decision.status).toBe(422);
    expect(decision.body.error.details[0].field).toBe('until');

    // Still answers: a refusal is possible, then an approval in the future, a progress note and a directive.
    const later = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const approved = await task(report.code, 'extension/decision', await coordinator(), {
      approve: true,
      until: later,
    });
    expect(approved.status).toBe(200);
    expect(approved.body.deadlineAt).toBe(later);
    expect((await task(report.code, 'progress', await unitStaff(), { note: 'Đang xử lý' })).status).toBe(200);
    const leader = await staffToken(system, 'leader', 'HCM');
    const directive = await call(system, 'POST', '/api/v1/directives', {
      token: leader,
      body: { target: { reportCode: report.code }, instruction: 'Xử lý ngay trong ngày.' },
    });
    expect(directive.status).toBe(201);
    await eventually(async () => (await timelineTypes(report.code)).includes('directive'), 20_000, 'the directive');
  });

  it('refuses malformed Update arguments from any client with Invalid and the field, and records none of them', async () => {
    const report = await accepted(system);
    const actor = {
      kind: 'staff',
      id: 'x@P-SAIGON',
      role: 'unit_staff',
      unitCode: 'P-SAIGON',
      unitPath: '/HCM/Q1/P-SAIGON/',
    };
    const before = await acceptedUpdates(report.id);
    const cases: Array<[string, unknown[], string]> = [
      ['progress', [{ actor, note: 'nul \u0000 inside' }], 'note'],
      ['progress', [{ actor, note: 42 }], 'note'],
      ['progress', [{ actor: { ...actor, kind: 'robot' }, note: 'ok' }], 'actor.kind'],
      ['progress', [], 'args'],
      ['requestExtension', [{ actor, reason: 'Cần thêm thời gian', until: 'tomorrow' }], 'until'],
      ['requestExtension', [{ actor, reason: 'Cần thêm thời gian', until: Number.NaN }], 'until'],
      ['resolve', [{ actor, result: 'Đã xử lý xong', media: 'not a list' }], 'media'],
      ['rate', [{ score: 9, comment: null }], 'score'],
      ['withdraw', [{ extra: true }], 'args'],
      ['comment', [{ comment: 'Thêm thông tin', via: 'fax' }], 'via'],
      ['decideExtension', [{ actor, approve: 'yes', note: '' }], 'approve'],
    ];
    for (const [update, args, field] of cases) {
      const refusal = await refusalOf(report.id, update, args);
      expect({ update, type: refusal.type, field: (refusal.details?.[0] as { field?: string })?.field }).toEqual({
        update,
        type: 'Invalid',
        field,
      });
    }
    expect(await acceptedUpdates(report.id)).toBe(before);
    expect((await task(report.code, 'progress', await unitStaff(), { note: 'Vẫn chạy' })).status).toBe(200);
  });

  it('drops a malformed directive Signal, and a directive already past due makes the report overdue at once', async () => {
    const report = await accepted(system);
    const handle = handleOf(report.id);
    await handle.signal(messages.directiveSignal, { directiveId: 'd-1', instruction: 'x', dueAt: 'soon' } as never);
    await handle.signal(messages.directiveSignal, {
      directiveId: 'd-2',
      instruction: 'Xử lý ngay',
      dueAt: Date.now() - 3_600_000,
      leaderId: 'leader-1',
    });
    const state = await eventually(async () => {
      const snapshot = await handle.query(messages.reportStateQuery);
      return snapshot.priority === 'urgent' && snapshot;
    }, 20_000);
    expect(state.overdue).toBe(true);
    expect((await task(report.code, 'progress', await unitStaff(), { note: 'Vẫn chạy' })).status).toBe(200);
    expect((await timelineTypes(report.code)).filter((type: string) => type === 'directive')).toHaveLength(1);
  });
});

describe('bounded waits and idempotent retries', () => {
  it('answers 503 with Retry-After within the bound when no worker serves the report, and the retry applies once', async () => {
    const report = await accepted(system);
    await system.stopWorker();
    try {
      const started = Date.now();
      const first = await task(report.code, 'progress', await unitStaff(), { note: 'Ghi chú một lần' }, 'key-1');
      expect(Date.now() - started).toBeLessThan(updateWaitMs + 3000);
      expect(first.status).toBe(503);
      expect(first.body.error.code).toBe('process_busy');
      expect(Number(first.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await system.startWorker();
    }
    const retried = await eventually(async () => {
      const reply = await task(report.code, 'progress', await unitStaff(), { note: 'Ghi chú một lần' }, 'key-1');
      return reply.status === 200 && reply;
    }, 30_000);
    expect(retried.body.timeline.filter((entry: { type: string }) => entry.type === 'progress')).toHaveLength(1);
  });

  it('applies an action once per Idempotency-Key and answers the same result', async () => {
    const report = await accepted(system);
    const token = await unitStaff();
    const first = await task(report.code, 'progress', token, { note: 'Một lần thôi' }, 'same');
    const again = await task(report.code, 'progress', token, { note: 'Một lần thôi' }, 'same');
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body.timeline).toEqual(first.body.timeline);
    const other = await task(report.code, 'progress', token, { note: 'Lần khác' }, 'other');
    expect(other.body.timeline.filter((entry: { type: string }) => entry.type === 'progress')).toHaveLength(2);

    // A refusal is answered the same way again, too.
    const refused = await task(report.code, 'accept', token, {}, 'accept-twice');
    const refusedAgain = await task(report.code, 'accept', token, {}, 'accept-twice');
    expect([refused.status, refusedAgain.status]).toEqual([409, 409]);

    // Withdrawal ends the workflow; its retry still answers as the first did.
    const withdrawn = await call(system, 'POST', `/api/v1/reports/${report.code}/withdraw`, {
      reportToken: report.accessToken,
      body: {},
      headers: { 'idempotency-key': 'bye' },
    });
    expect(withdrawn.status).toBe(200);
    const withdrawnAgain = await call(system, 'POST', `/api/v1/reports/${report.code}/withdraw`, {
      reportToken: report.accessToken,
      body: {},
      headers: { 'idempotency-key': 'bye' },
    });
    expect(withdrawnAgain.status).toBe(200);
    expect(withdrawnAgain.body.status).toBe('withdrawn');
  });
});
