// The less travelled paths of a report through the real API and workflow: triage, transfer,
// extension, re-opening by a dissatisfied rating, withdrawal, and rejection of complaints.
import { WithStartWorkflowOperation } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportAccessToken } from '../../api/auth';
import { insertReport } from '../../db/reports';
import { reportWorkflowInput } from '../../temporal/reports';
import { reportWorkflowId, withdrawUpdate } from '../../workflows/report/messages';
import { call, staffToken, startTestSystem, type TestSystem } from '../support/system';
import { storedReport, submitRouted } from '../support/reports';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({ REOPENS_TO_SAME_UNIT: '1' });
});
afterAll(async () => system?.stop());

const submit = (body: Record<string, unknown>) =>
  submitRouted(system, { description: 'Một phản ánh để kiểm thử vòng đời.', ...body });

const task = (code: string, action: string, token: string, body: unknown = {}) =>
  call(system, 'POST', `/api/v1/tasks/${code}/${action}`, { token, body });
const rowOf = async (code: string) =>
  (await system.pool.query('SELECT * FROM reports WHERE code = $1', [code])).rows[0];

describe('triage', () => {
  it('when no rule routes a report, then it waits in triage until a coordinator assigns it', async () => {
    const report = await submit({ categoryCode: 'OTHER', location: { address: '1 Nguyễn Huệ' } });
    expect(report.view.status).toBe('triage');
    const coordinator = await staffToken(system, 'coordinator', 'HCM-TT1022');
    const queue = await call(system, 'GET', '/api/v1/triage', { token: coordinator });
    expect(queue.body.items.map((item: { code: string }) => item.code)).toContain(report.code);

    const staff = await staffToken(system, 'unit_staff', 'P-SAIGON');
    expect((await call(system, 'GET', '/api/v1/triage', { token: staff })).status).toBe(403);
    expect(
      (
        await call(system, 'POST', `/api/v1/triage/${report.code}/assign`, {
          token: coordinator,
          body: { unitCode: 'NOPE' },
        })
      ).status,
    ).toBe(422);

    const assigned = await call(system, 'POST', `/api/v1/triage/${report.code}/assign`, {
      token: coordinator,
      body: { unitCode: 'P-SAIGON' },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', unitCode: 'P-SAIGON' });
    expect(assigned.body.deadlineAt).toEqual(expect.any(String));
    expect(
      (
        await call(system, 'POST', `/api/v1/triage/${report.code}/assign`, {
          token: coordinator,
          body: { unitCode: 'P-SAIGON' },
        })
      ).status,
    ).toBe(409);
  });
});

describe('transfer', () => {
  it('when the unit declines, then the rules route the report without that unit, and to triage when none is left', async () => {
    const report = await submit({ categoryCode: 'WASTE', location: { wardCode: 'P-BENTHANH' } });
    expect(report.view.unit.code).toBe('P-BENTHANH');
    const ward = await staffToken(system, 'unit_head', 'P-BENTHANH');
    expect((await task(report.code, 'transfer', ward, {})).status).toBe(400);
    const moved = await task(report.code, 'transfer', ward, {
      reason: 'Thuộc thẩm quyền Sở Nông nghiệp và Môi trường',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'assigned', unitCode: 'SNNMT' });
    expect((await call(system, 'GET', `/api/v1/tasks/${report.code}`, { token: ward })).status).toBe(403);

    const department = await staffToken(system, 'unit_staff', 'SNNMT');
    await task(report.code, 'transfer', department, { reason: 'Không thuộc thẩm quyền' });
    expect((await rowOf(report.code)).status).toBe('triage');
    const timeline = (await call(system, 'GET', `/api/v1/reports/${report.code}`)).body.timeline.map(
      (entry: { type: string }) => entry.type,
    );
    expect(timeline).toEqual(['submitted', 'received', 'routed', 'transferred', 'routed', 'transferred', 'triaged']);
  });
});

describe('extension', () => {
  it('when a unit asks for more time and a coordinator approves, then the deadline moves', async () => {
    const report = await submit({ categoryCode: 'WASTE', location: { wardCode: 'P-SAIGON' } });
    const staff = await staffToken(system, 'unit_staff', 'P-SAIGON');
    const coordinator = await staffToken(system, 'coordinator', 'HCM-TT1022');
    const before = Date.parse(report.view.deadlineAt);
    const until = new Date(before + 5 * 86_400_000).toISOString();

    expect(
      (
        await task(report.code, 'extension', staff, {
          reason: 'Cần phối hợp',
          until: new Date(before - 1000).toISOString(),
        })
      ).status,
    ).toBe(422);
    expect((await task(report.code, 'extension/decision', coordinator, { approve: true })).status).toBe(409);
    const requested = await task(report.code, 'extension', staff, { reason: 'Cần phối hợp với nhiều đơn vị', until });
    expect(requested.body.extensionPending).toBe(true);
    expect((await task(report.code, 'extension', staff, { reason: 'lần hai', until })).status).toBe(409);
    expect((await task(report.code, 'extension/decision', staff, { approve: true })).status).toBe(403);

    const approved = await task(report.code, 'extension/decision', coordinator, { approve: true, note: 'Đồng ý' });
    expect(approved.status).toBe(200);
    expect(approved.body.extensionPending).toBe(false);
    expect(Date.parse(approved.body.deadlineAt)).toBe(Date.parse(until));
  });
});

describe('rating', () => {
  it('when the reporter is dissatisfied, then the report re-opens to the same unit once, then goes to the coordinator', async () => {
    const report = await submit({ categoryCode: 'WASTE', location: { wardCode: 'P-SAIGON' } });
    const staff = await staffToken(system, 'unit_staff', 'P-SAIGON');
    const resolve = async () => {
      await task(report.code, 'accept', staff);
      expect((await task(report.code, 'resolve', staff, { result: 'Đã xử lý xong.' })).body.status).toBe('resolved');
    };
    await resolve();
    const first = await call(system, 'POST', `/api/v1/reports/${report.code}/rating`, {
      reportToken: report.accessToken,
      body: { score: 1, comment: 'Chưa xử lý' },
    });
    expect(first.body).toMatchObject({ status: 'assigned', unit: { code: 'P-SAIGON' }, resolvedAt: null });
    expect((await rowOf(report.code)).reopen_count).toBe(1);

    await resolve();
    const second = await call(system, 'POST', `/api/v1/reports/${report.code}/rating`, {
      reportToken: report.accessToken,
      body: { score: 2 },
    });
    expect(second.body.status).toBe('triage');
    expect((await rowOf(report.code)).reopen_count).toBe(2);
  });

  it('when the token is wrong or missing, then rating and withdrawal are refused with 403', async () => {
    const report = await submit({ categoryCode: 'WASTE', location: { wardCode: 'P-SAIGON' } });
    expect((await call(system, 'POST', `/api/v1/reports/${report.code}/rating`, { body: { score: 5 } })).status).toBe(
      403,
    );
    expect(
      (await call(system, 'POST', `/api/v1/reports/${report.code}/withdraw`, { reportToken: 'x'.repeat(43), body: {} }))
        .status,
    ).toBe(403);
    expect(
      (
        await call(system, 'POST', `/api/v1/reports/${report.code}/rating`, {
          reportToken: report.accessToken,
          body: { score: 5 },
        })
      ).status,
    ).toBe(409);
  });
});

describe('hotline operators', () => {
  it('when an operator submits on a caller’s behalf, then the report is attributed to the operator, channel hotline, and audited', async () => {
    const operator = await staffToken(system, 'operator', 'HCM-TT1022', 'op-1');
    const body = {
      categoryCode: 'STREETLIGHT',
      description: 'Người dân gọi tổng đài: đèn đường tắt cả tuần.',
      location: { wardCode: 'P-SAIGON' },
      reporter: { name: 'Trần Thị Lan', phone: '0987654321' },
    };
    const reply = await call(system, 'POST', '/api/v1/reports', { token: operator, body });
    expect(reply.status).toBe(201);
    const detail = await call(system, 'GET', `/api/v1/tasks/${reply.body.code}`, {
      token: await staffToken(system, 'coordinator', 'HCM-TT1022'),
    });
    expect(detail.body.timeline[0]).toMatchObject({
      type: 'submitted',
      actorId: 'op-1',
      actorRole: 'operator',
      actorUnit: 'HCM-TT1022',
    });
    expect((await rowOf(reply.body.code)).channel).toBe('hotline');
    const audit = await system.pool.query("SELECT actor_id, action FROM audit_log WHERE actor_id = 'op-1'");
    expect(audit.rows).toEqual([expect.objectContaining({ actor_id: 'op-1', action: 'POST /api/v1/reports' })]);
    const staff = await staffToken(system, 'unit_staff', 'P-SAIGON');
    expect((await call(system, 'POST', '/api/v1/reports', { token: staff, body })).status).toBe(403);
  });

  it('when a caller without a token claims the hotline, then it is refused and nothing is recorded', async () => {
    const body = {
      categoryCode: 'STREETLIGHT',
      description: 'Tự nhận là tổng đài: đèn đường tắt cả tuần.',
      location: { wardCode: 'P-SAIGON' },
    };
    const before = (await system.pool.query('SELECT count(*)::int AS n FROM reports')).rows[0].n;
    for (const channel of ['hotline', 'email', 'zalo', 'open311']) {
      const refused = await call(system, 'POST', '/api/v1/reports', { body: { ...body, channel } });
      expect(refused.status, channel).toBe(403);
      expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'channel' })]);
    }
    expect((await system.pool.query('SELECT count(*)::int AS n FROM reports')).rows[0].n).toBe(before);
    const app = await call(system, 'POST', '/api/v1/reports', { body: { ...body, channel: 'app' } });
    expect((await rowOf(app.body.code)).channel).toBe('app');
    const operator = await staffToken(system, 'operator', 'HCM-TT1022', 'op-2');
    const byEmail = await call(system, 'POST', '/api/v1/reports', {
      token: operator,
      body: { ...body, channel: 'email' },
    });
    expect((await rowOf(byEmail.body.code)).channel).toBe('email');
    const asPartner = await call(system, 'POST', '/api/v1/reports', {
      token: operator,
      body: { ...body, channel: 'open311' },
    });
    expect(asPartner.status).toBe(403);
  });
});

describe('comments', () => {
  it('when the reporter adds information, then the unit reads it in the timeline, and not after the report ends', async () => {
    const report = await submit({ categoryCode: 'WASTE', location: { wardCode: 'P-SAIGON' } });
    const path = `/api/v1/reports/${report.code}/comments`;
    expect((await call(system, 'POST', path, { body: { comment: 'Thêm ảnh' } })).status).toBe(403);
    expect((await call(system, 'POST', path, { reportToken: report.accessToken, body: { comment: '' } })).status).toBe(
      400,
    );
    expect(
      (
        await call(system, 'POST', path, {
          reportToken: report.accessToken,
          body: { comment: 'Rác vẫn còn ở góc hẻm.' },
        })
      ).status,
    ).toBe(200);
    const detail = await call(system, 'GET', `/api/v1/tasks/${report.code}`, {
      token: await staffToken(system, 'unit_staff', 'P-SAIGON'),
    });
    expect(detail.body.timeline.at(-1)).toMatchObject({
      type: 'comment',
      actorId: 'reporter',
      details: { comment: 'Rác vẫn còn ở góc hẻm.', via: 'api' },
    });
    await call(system, 'POST', `/api/v1/reports/${report.code}/withdraw`, { reportToken: report.accessToken });
    expect(
      (await call(system, 'POST', path, { reportToken: report.accessToken, body: { comment: 'muộn' } })).status,
    ).toBe(409);
  });
});

describe('withdrawal and rejection', () => {
  it('when the reporter withdraws, then the process ends and unit actions are refused', async () => {
    const report = await submit({ categoryCode: 'WASTE', location: { wardCode: 'P-SAIGON' } });
    const withdrawn = await call(system, 'POST', `/api/v1/reports/${report.code}/withdraw`, {
      reportToken: report.accessToken,
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    // The process has ended, not merely refused: the action meets a completed workflow.
    expect((await system.client.workflow.getHandle(reportWorkflowId(report.id)).result()).status).toBe('withdrawn');
    const staff = await staffToken(system, 'unit_staff', 'P-SAIGON');
    expect((await task(report.code, 'accept', staff)).status).toBe(409);
    expect(
      (await call(system, 'POST', `/api/v1/reports/${report.code}/withdraw`, { reportToken: report.accessToken }))
        .status,
    ).toBe(409);
  });

  it('when the reporter acts on a report whose process has not started yet, then it is started first, once', async () => {
    const report = storedReport({ description: 'Lưu khi Temporal không trả lời.' });
    await insertReport(system.pool, report);
    const { id, code } = report;
    const withdrawn = await call(system, 'POST', `/api/v1/reports/${code}/withdraw`, {
      reportToken: reportAccessToken(system.config.jwtSecret, id),
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await rowOf(code)).workflow_started_at).not.toBeNull();
  });

  it('when a withdrawal comes in the same workflow task as the start, then the routing does not overwrite it', async () => {
    // Update-with-Start delivers both at once: the Update's handler is queued as soon as it is set.
    const row = (await insertReport(system.pool, storedReport({ description: 'Rút ngay khi quy trình bắt đầu.' })))!;
    const workflowId = reportWorkflowId(row.id);
    const answered = await system.client.workflow.executeUpdateWithStart(withdrawUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation('reportWorkflow', {
        taskQueue: system.config.taskQueue,
        workflowId,
        args: [reportWorkflowInput(row, 'feedback', 1)],
        workflowIdConflictPolicy: 'FAIL',
      }),
    });
    expect(answered.status).toBe('withdrawn');
    expect((await system.client.workflow.getHandle(workflowId).result()).status).toBe('withdrawn');
    expect((await rowOf(row.code)).status).toBe('withdrawn');
  });

  it('when a complaint arrives, then it is rejected with guidance on where to file it', async () => {
    const report = await submit({ categoryCode: 'COMPLAINT', location: { wardCode: 'P-SAIGON' } });
    expect(report.view.status).toBe('rejected');
    const rejected = report.view.timeline.find((entry: { type: string }) => entry.type === 'rejected');
    expect(rejected.details.reasonVi).toMatch(/Luật Khiếu nại/);
  });
});
