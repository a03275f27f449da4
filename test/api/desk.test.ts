// The coordinator desk through the real API and workflow: triage under its own clock, assignment
// from triage under the category's rule, re-routing an assigned report, the queue of extension
// requests, and the messages each of these sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, staffToken, startTestSystem, type TestSystem } from '../support/system';
import { accepted, submitRouted, withExtensionPending } from '../support/reports';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => system?.stop());

const day = 86_400_000;
const rowOf = async (code: string) =>
  (await system.pool.query('SELECT * FROM reports WHERE code = $1', [code])).rows[0];
const templatesSent = async (code: string): Promise<string[]> =>
  (
    await system.pool.query(
      'SELECT DISTINCT o.template FROM outbox o JOIN reports r ON r.id = o.report_id WHERE r.code = $1',
      [code],
    )
  ).rows.map((row: { template: string }) => row.template);
const coordinator = () => staffToken(system, 'coordinator', 'HCM-TT1022');

describe('triage', () => {
  it('when no rule places a noise report, then triage has a deadline and the rule set version, and assigning it applies the noise rule’s 3 working days', async () => {
    const report = await submitRouted(system, {
      categoryCode: 'NOISE',
      description: 'Karaoke ồn ào sau 22 giờ mỗi đêm.',
      location: { address: '5 Nguyễn Huệ' },
    });
    expect(report.view.status).toBe('triage');
    const row = await rowOf(report.code);
    expect(row.rule_version).toBe(1);
    expect(row.deadline_at.getTime()).toBeGreaterThan(row.submitted_at.getTime());
    expect(row.deadline_at.getTime() - row.submitted_at.getTime()).toBeLessThanOrEqual(10 * day);
    expect(await eventually(async () => (await templatesSent(report.code)).includes('triage_needed'))).toBe(true);

    const assigned = await call(system, 'POST', `/api/v1/triage/${report.code}/assign`, {
      token: await coordinator(),
      body: { unitCode: 'P-SAIGON' },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', unitCode: 'P-SAIGON', priority: 'high', overdue: false });
    // 3 working days end within 5 calendar days (a weekend) plus a holiday week at most; the default 10 never does.
    expect(Date.parse(assigned.body.deadlineAt) - Date.now()).toBeLessThan(10 * day);
  });

  it('when the rules refuse a complaint, then the refusal records the rule set version', async () => {
    const report = await submitRouted(system, {
      categoryCode: 'COMPLAINT',
      description: 'Khiếu nại quyết định xử phạt.',
      location: { wardCode: 'P-SAIGON' },
    });
    expect(report.view.status).toBe('rejected');
    expect((await rowOf(report.code)).rule_version).toBe(1);
  });
});

describe('reassignment', () => {
  it('when a coordinator re-routes an accepted report with a reason, then the new unit has it and the old one is told why', async () => {
    const report = await accepted(system);
    const token = await coordinator();
    const reassign = (body: unknown) => call(system, 'POST', `/api/v1/tasks/${report.code}/reassign`, { token, body });
    expect((await reassign({ unitCode: 'P-BENTHANH' })).status).toBe(400);
    expect((await reassign({ unitCode: 'P-SAIGON', reason: 'Cùng đơn vị' })).status).toBe(409);
    const moved = await reassign({ unitCode: 'P-BENTHANH', reason: 'Địa chỉ thuộc phường Bến Thành' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'assigned', unitCode: 'P-BENTHANH' });
    expect(moved.body.timeline.at(-1)).toMatchObject({ type: 'reassigned' });
    const saigon = await staffToken(system, 'unit_staff', 'P-SAIGON');
    expect(
      (await call(system, 'POST', `/api/v1/tasks/${report.code}/progress`, { token: saigon, body: { note: 'x' } }))
        .status,
    ).toBe(403);
    const unitHead = await staffToken(system, 'unit_head', 'P-BENTHANH');
    expect(
      (
        await call(system, 'POST', `/api/v1/tasks/${report.code}/reassign`, {
          token: unitHead,
          body: { unitCode: 'P-SAIGON', reason: 'Trả lại' },
        })
      ).status,
    ).toBe(403);
    expect(await eventually(async () => (await templatesSent(report.code)).includes('report_reassigned'))).toBe(true);
  });

  it('when another unit acts on a report in progress, then it is told it may not act (403) before anything about the state', async () => {
    const report = await accepted(system);
    const other = await staffToken(system, 'unit_staff', 'P-BENTHANH');
    const reply = await call(system, 'POST', `/api/v1/tasks/${report.code}/accept`, { token: other, body: {} });
    expect(reply.status).toBe(403);
  });
});

describe('extension requests', () => {
  it('when a unit asks for more time, then the desk sees it queued with what was asked, and a refusal needs and sends a reason', async () => {
    const report = await withExtensionPending(system);
    const token = await coordinator();
    const queue = await call(system, 'GET', '/api/v1/extensions?pageSize=100', { token });
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((entry: { code: string }) => entry.code === report.code);
    expect(item).toMatchObject({ extensionPending: true, reason: 'Cần phối hợp liên ngành', unitCode: 'P-SAIGON' });
    expect(Date.parse(item.requestedUntil)).toBe(Date.parse(report.deadlineAt!) + 3 * day);
    const saigon = await staffToken(system, 'unit_staff', 'P-SAIGON');
    expect((await call(system, 'GET', '/api/v1/extensions', { token: saigon })).status).toBe(403);

    const decide = (body: unknown) =>
      call(system, 'POST', `/api/v1/tasks/${report.code}/extension/decision`, { token, body });
    const unexplained = await decide({ approve: false });
    expect(unexplained.status).toBe(422);
    expect(unexplained.body.error.details[0].field).toBe('note');
    expect((await decide({ approve: false, note: 'Không đủ căn cứ gia hạn' })).status).toBe(200);
    const after = await call(system, 'GET', '/api/v1/extensions?pageSize=100', { token });
    expect(after.body.items.map((entry: { code: string }) => entry.code)).not.toContain(report.code);
    const sent = await eventually(async () => {
      const names = await templatesSent(report.code);
      return names.includes('extension_refused') && names;
    });
    expect(sent).toContain('extension_requested');
    expect(sent).not.toContain('report_reminder');
  });
});
