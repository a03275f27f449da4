// Records the event histories that the determinism gate (replay.test.ts) replays. Skipped unless
// RECORD_HISTORIES=1: run `RECORD_HISTORIES=1 npx vitest run test/replay/recordHistories.test.ts`
// after an intended, versioned change to workflow code, and commit the new files beside the old.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { call, eventually, staffToken, startTestSystem, type TestSystem } from '../support/system';
import { submitRouted } from '../support/reports';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { reportWorkflowId } from '../../workflows/report/messages';
import { directiveWorkflowId } from '../../workflows/directive/messages';

const recording = process.env.RECORD_HISTORIES === '1';
let system: TestSystem;

beforeAll(async () => {
  if (recording) system = await startTestSystem();
});
afterAll(async () => system?.stop());

const submit = (body: Record<string, unknown>) =>
  submitRouted(system, { description: 'Ghi lại lịch sử quy trình để kiểm tra tính tất định.', ...body });

async function save(name: string, workflowId: string) {
  const history = await system.client.workflow.getHandle(workflowId).fetchHistory();
  writeFileSync(path.join(__dirname, 'histories', `${name}.json`), historyToJSON(history));
}

describe.runIf(recording)('record workflow histories', () => {
  it('records a report through accept, progress, extension, resolve, re-open and rating', async () => {
    const report = await submit({
      categoryCode: 'WASTE',
      location: { wardCode: 'P-SAIGON' },
      reporter: { phone: '0912345678' },
    });
    const staff = await staffToken(system, 'unit_staff', 'P-SAIGON');
    const coordinator = await staffToken(system, 'coordinator', 'HCM-TT1022');
    const act = (action: string, body: unknown = {}, token = staff) =>
      call(system, 'POST', `/api/v1/tasks/${report.code}/${action}`, { token, body });
    await act('accept');
    await act('progress', { note: 'Đang xử lý' });
    await act('extension', { reason: 'Cần phối hợp', until: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    await act('extension/decision', { approve: true }, coordinator);
    await act('resolve', { result: 'Đã xử lý lần một.' });
    await call(system, 'POST', `/api/v1/reports/${report.code}/rating`, {
      reportToken: report.accessToken,
      body: { score: 1 },
    });
    await act('accept');
    await act('resolve', { result: 'Đã xử lý lần hai.' });
    await call(system, 'POST', `/api/v1/reports/${report.code}/rating`, {
      reportToken: report.accessToken,
      body: { score: 5 },
    });
    await system.client.workflow.getHandle(reportWorkflowId(report.id)).result();
    await save('report-journey', reportWorkflowId(report.id));
  });

  it('records triage, assignment, transfer and withdrawal', async () => {
    const report = await submit({ categoryCode: 'OTHER', location: { address: '1 Nguyễn Huệ' } });
    const coordinator = await staffToken(system, 'coordinator', 'HCM-TT1022');
    await call(system, 'POST', `/api/v1/triage/${report.code}/assign`, {
      token: coordinator,
      body: { unitCode: 'P-BENTHANH' },
    });
    await call(system, 'POST', `/api/v1/tasks/${report.code}/transfer`, {
      token: await staffToken(system, 'unit_head', 'P-BENTHANH'),
      body: { reason: 'Không thuộc thẩm quyền' },
    });
    await call(system, 'POST', `/api/v1/reports/${report.code}/withdraw`, { reportToken: report.accessToken });
    await system.client.workflow.getHandle(reportWorkflowId(report.id)).result();
    await save('report-triage-transfer-withdraw', reportWorkflowId(report.id));
  });

  it('records a rejected complaint', async () => {
    const report = await submit({ categoryCode: 'COMPLAINT', location: { wardCode: 'P-SAIGON' } });
    await system.client.workflow.getHandle(reportWorkflowId(report.id)).result();
    await save('report-rejected', reportWorkflowId(report.id));
  });

  it('records a directive on two reports, acknowledged, done when they resolve, and the reports it reached', async () => {
    const reports = [
      await submit({ categoryCode: 'NOISE', location: { wardCode: 'P-SAIGON' } }),
      await submit({ categoryCode: 'NOISE', location: { wardCode: 'P-SAIGON' } }),
    ];
    const leader = await staffToken(system, 'leader', 'HCM', 'leader-1');
    const issued = await call(system, 'POST', '/api/v1/directives', {
      token: leader,
      body: { target: { unitCode: 'P-SAIGON', categoryCode: 'NOISE' }, instruction: 'Xử lý dứt điểm tiếng ồn.' },
    });
    const staff = await staffToken(system, 'unit_staff', 'P-SAIGON');
    await eventually(
      async () =>
        (await system.pool.query("SELECT count(*)::int AS n FROM report_events WHERE type = 'directive'")).rows[0].n ===
        2,
    );
    await call(system, 'POST', `/api/v1/directives/${issued.body.id}/ack`, {
      token: await staffToken(system, 'unit_head', 'P-SAIGON'),
    });
    for (const report of reports) {
      await call(system, 'POST', `/api/v1/tasks/${report.code}/accept`, { token: staff, body: {} });
      await call(system, 'POST', `/api/v1/tasks/${report.code}/resolve`, {
        token: staff,
        body: { result: 'Đã xử lý theo chỉ đạo.' },
      });
      await call(system, 'POST', `/api/v1/reports/${report.code}/rating`, {
        reportToken: report.accessToken,
        body: { score: 5 },
      });
    }
    await system.client.workflow.getHandle(directiveWorkflowId(issued.body.id)).result();
    await system.client.workflow.getHandle(reportWorkflowId(reports[0].id)).result();
    await save('directive', directiveWorkflowId(issued.body.id));
    await save('report-directed', reportWorkflowId(reports[0].id));
  });

  it('records a weekly summary run', async () => {
    const handle = await system.client.workflow.start('weeklySummaryWorkflow', {
      taskQueue: system.config.taskQueue,
      workflowId: `record-summary-${Date.now()}`,
      args: [{ scheduledAt: Date.now() }],
    });
    await handle.result();
    await save('weekly-summary', handle.workflowId);
  });

  it('records a reconciler run', async () => {
    const handle = await system.client.workflow.start('reconcileWorkflow', {
      taskQueue: system.config.taskQueue,
      workflowId: `record-reconcile-${Date.now()}`,
    });
    await handle.result();
    await save('reconcile', handle.workflowId);
  });
});
