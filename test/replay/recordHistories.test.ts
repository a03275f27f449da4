// Records the event histories that the determinism gate (replay.test.ts) replays. Skipped unless
// RECORD_HISTORIES=1; run `npm run record-histories` (records every history, then runs the gate)
// after an intended, versioned change to workflow code, and commit the files it rewrites.
// Every call is checked: a refused action, a workflow that ends in the wrong state or a history
// file left over from an earlier recording fails the run instead of recording a different story.
// People's actions go through the API on the dev server; the timers (accept clock, reminders,
// overdue, escalations, an extension refused and one approved, the rating window) fire on the
// time-skipping server.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { call, eventually, staffToken, startTestSystem, type ApiReply, type TestSystem } from '../support/system';
import { submitRouted } from '../support/reports';
import { quietTuesday, startTimeSkippingSystem, wallClock, type TimeSkippingSystem } from '../support/timeSkipping';
import { reportWorkflowId } from '../../workflows/report/messages';
import * as messages from '../../workflows/report/messages';
import { directiveWorkflowId } from '../../workflows/directive/messages';
import { calendarChangeWorkflowId } from '../../workflows/calendar/messages';

const recording = process.env.RECORD_HISTORIES === '1';
const directory = path.join(__dirname, 'histories');
const written = new Set<string>();

async function save(client: Client, name: string, workflowId: string) {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const last = history.events?.at(-1)?.eventType;
  // 2 = EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED: only finished stories are recorded
  if (last !== 2) throw new Error(`${name}: ${workflowId} has not completed (last event type ${last})`);
  writeFileSync(path.join(directory, `${name}.json`), historyToJSON(history));
  written.add(`${name}.json`);
}

/** The reply, or a failure naming the call when its status is not the expected one. */
function expectStatus<T>(reply: ApiReply<T>, status: number, what: string): ApiReply<T> {
  if (reply.status !== status)
    throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}

describe.runIf(recording)('record workflow histories', () => {
  describe('through the API on the dev server', () => {
    let system: TestSystem;
    beforeAll(async () => {
      system = await startTestSystem();
    });
    afterAll(async () => system?.stop());

    const submit = (body: Record<string, unknown>) =>
      submitRouted(system, { description: 'Ghi lại lịch sử quy trình để kiểm tra tính tất định.', ...body });
    const finalStatus = async (reportId: string, status: string) =>
      expect((await system.client.workflow.getHandle(reportWorkflowId(reportId)).result()).status).toBe(status);

    it('records a report through accept, progress, extension, resolve, re-open and rating', async () => {
      const report = await submit({
        categoryCode: 'WASTE',
        location: { wardCode: 'P-SAIGON' },
        reporter: { phone: '0912345678' },
      });
      expect(report.view.status).toBe('assigned');
      const staff = await staffToken(system, 'unit_staff', 'P-SAIGON');
      const coordinator = await staffToken(system, 'coordinator', 'HCM-TT1022');
      const act = async (action: string, body: unknown = {}, token = staff) =>
        expectStatus(
          await call(system, 'POST', `/api/v1/tasks/${report.code}/${action}`, { token, body }),
          200,
          action,
        );
      const rate = async (score: number) =>
        expectStatus(
          await call(system, 'POST', `/api/v1/reports/${report.code}/rating`, {
            reportToken: report.accessToken,
            body: { score },
          }),
          200,
          `rating ${score}`,
        );
      await act('accept');
      await act('progress', { note: 'Đang xử lý' });
      await act('extension', { reason: 'Cần phối hợp', until: new Date(Date.now() + 30 * 86_400_000).toISOString() });
      await act('extension/decision', { approve: true }, coordinator);
      await act('resolve', { result: 'Đã xử lý lần một.' });
      expect((await rate(1)).body.status).toBe('assigned');
      await act('accept');
      await act('resolve', { result: 'Đã xử lý lần hai.' });
      await rate(5);
      await finalStatus(report.id, 'closed');
      await save(system.client, 'report-journey', reportWorkflowId(report.id));
    });

    it('records triage, assignment, transfer and withdrawal', async () => {
      const report = await submit({ categoryCode: 'OTHER', location: { address: '1 Nguyễn Huệ' } });
      expect(report.view.status).toBe('triage');
      const coordinator = await staffToken(system, 'coordinator', 'HCM-TT1022');
      expectStatus(
        await call(system, 'POST', `/api/v1/triage/${report.code}/assign`, {
          token: coordinator,
          body: { unitCode: 'P-BENTHANH' },
        }),
        200,
        'assign',
      );
      expectStatus(
        await call(system, 'POST', `/api/v1/tasks/${report.code}/transfer`, {
          token: await staffToken(system, 'unit_head', 'P-BENTHANH'),
          body: { reason: 'Không thuộc thẩm quyền' },
        }),
        200,
        'transfer',
      );
      expectStatus(
        await call(system, 'POST', `/api/v1/reports/${report.code}/withdraw`, { reportToken: report.accessToken }),
        200,
        'withdraw',
      );
      await finalStatus(report.id, 'withdrawn');
      await save(system.client, 'report-triage-transfer-withdraw', reportWorkflowId(report.id));
    });

    it('records a rejected complaint', async () => {
      const report = await submit({ categoryCode: 'COMPLAINT', location: { wardCode: 'P-SAIGON' } });
      await finalStatus(report.id, 'rejected');
      await save(system.client, 'report-rejected', reportWorkflowId(report.id));
    });

    it('records a directive on two reports, acknowledged, done when they resolve, and the reports it reached', async () => {
      const reports = [
        await submit({ categoryCode: 'NOISE', location: { wardCode: 'P-SAIGON' } }),
        await submit({ categoryCode: 'NOISE', location: { wardCode: 'P-SAIGON' } }),
      ];
      const leader = await staffToken(system, 'leader', 'HCM', 'leader-1');
      const issued = expectStatus(
        await call(system, 'POST', '/api/v1/directives', {
          token: leader,
          body: { target: { unitCode: 'P-SAIGON', categoryCode: 'NOISE' }, instruction: 'Xử lý dứt điểm tiếng ồn.' },
        }),
        201,
        'directive',
      );
      const staff = await staffToken(system, 'unit_staff', 'P-SAIGON');
      await eventually(
        async () =>
          (await system.pool.query("SELECT count(*)::int AS n FROM report_events WHERE type = 'directive'")).rows[0]
            .n === 2,
      );
      expectStatus(
        await call(system, 'POST', `/api/v1/directives/${issued.body.id}/ack`, {
          token: await staffToken(system, 'unit_head', 'P-SAIGON'),
        }),
        200,
        'directive ack',
      );
      for (const report of reports) {
        for (const [action, body] of [
          ['accept', {}],
          ['resolve', { result: 'Đã xử lý theo chỉ đạo.' }],
        ] as const)
          expectStatus(
            await call(system, 'POST', `/api/v1/tasks/${report.code}/${action}`, { token: staff, body }),
            200,
            action,
          );
        expectStatus(
          await call(system, 'POST', `/api/v1/reports/${report.code}/rating`, {
            reportToken: report.accessToken,
            body: { score: 5 },
          }),
          200,
          'rating',
        );
      }
      await system.client.workflow.getHandle(directiveWorkflowId(issued.body.id)).result();
      await finalStatus(reports[0].id, 'closed');
      await save(system.client, 'directive', directiveWorkflowId(issued.body.id));
      await save(system.client, 'report-directed', reportWorkflowId(reports[0].id));
    });

    it('records a weekly summary run', async () => {
      const handle = await system.client.workflow.start('weeklySummaryWorkflow', {
        taskQueue: system.config.taskQueue,
        workflowId: `record-summary-${Date.now()}`,
        args: [{ scheduledAt: Date.now() }],
      });
      await handle.result();
      await save(system.client, 'weekly-summary', handle.workflowId);
    });

    it('records a calendar change that moves an open report’s deadline, and the daily calendar watch', async () => {
      const report = await submit({ categoryCode: 'WASTE', location: { wardCode: 'P-SAIGON' } });
      // The next weekday that is a working day becomes a holiday: it lies within the report's time left.
      const localToday = new Date(Date.now() + 7 * 3_600_000);
      let holiday = '';
      let year = 0;
      let days: { date: string; kind: string; nameVi: string; nameEn: string }[] = [];
      for (let ahead = 1; !holiday; ahead++) {
        const candidate = new Date(localToday.getTime() + ahead * 86_400_000);
        if (candidate.getUTCDay() === 0 || candidate.getUTCDay() === 6) continue;
        const date = candidate.toISOString().slice(0, 10);
        year = candidate.getUTCFullYear();
        days = expectStatus(await call(system, 'GET', `/api/v1/calendar/${year}`), 200, 'calendar').body.days;
        if (!days.some((day) => day.date === date)) holiday = date;
      }
      expectStatus(
        await call(system, 'PUT', `/api/v1/admin/calendar/${year}`, {
          token: await staffToken(system, 'admin', 'HCM'),
          body: {
            days: [...days, { date: holiday, kind: 'holiday', nameVi: 'Nghỉ ghi lại', nameEn: 'Recorded day off' }],
            source: 'recorded history',
          },
        }),
        200,
        'calendar change',
      );
      const { rows } = await system.pool.query('SELECT id FROM calendar_changes ORDER BY id DESC LIMIT 1');
      const change = system.client.workflow.getHandle(calendarChangeWorkflowId(String(rows[0].id)));
      expect((await change.result()).reportsTold).toBeGreaterThanOrEqual(1);
      await eventually(
        async () =>
          (
            await system.pool.query("SELECT 1 FROM report_events WHERE report_id = $1 AND type = 'deadline_moved'", [
              report.id,
            ])
          ).rowCount === 1,
      );
      expectStatus(
        await call(system, 'POST', `/api/v1/reports/${report.code}/withdraw`, { reportToken: report.accessToken }),
        200,
        'withdraw',
      );
      await finalStatus(report.id, 'withdrawn');
      await save(system.client, 'calendar-change', change.workflowId);
      await save(system.client, 'report-calendar-moved', reportWorkflowId(report.id));

      const watch = await system.client.workflow.start('calendarWatchWorkflow', {
        taskQueue: system.config.taskQueue,
        workflowId: `record-calendar-watch-${Date.now()}`,
      });
      await watch.result();
      await save(system.client, 'calendar-watch', watch.workflowId);
    });

    it('records a reconciler run', async () => {
      const handle = await system.client.workflow.start('reconcileWorkflow', {
        taskQueue: system.config.taskQueue,
        workflowId: `record-reconcile-${Date.now()}`,
      });
      await handle.result();
      await save(system.client, 'reconcile', handle.workflowId);
    });
  });

  describe('with timers on the time-skipping server', () => {
    let system: TimeSkippingSystem;
    beforeAll(async () => {
      system = await startTimeSkippingSystem('record-timers');
    });
    afterAll(async () => system?.stop());

    it('records a report left alone until every clock fired, then an extension refused and one approved, resolved and closed by the rating window', async () => {
      const tuesday = await quietTuesday(system.pool, await system.env.currentTimeMs());
      const at = (days: number, clock: string) => wallClock(tuesday, days, clock);
      await system.sleepUntil(at(0, '14:00'));
      const { id, handle } = await system.startReport();
      const staff = await system.staffOf('P-SAIGON');
      const coordinator = await system.staffOf('HCM-TT1022', 'coordinator');
      const types = async () => (await system.timeline(id)).map((event) => event.type);

      await system.sleepUntil(at(7, '08:31')); // past the third escalation
      expect(await types()).toEqual([
        'submitted',
        'received',
        'routed',
        'accept_late',
        'reminder',
        'reminder',
        'overdue',
        'escalated',
        'escalated',
        'escalated',
      ]);
      await handle.executeUpdate(messages.acceptUpdate, { args: [{ actor: staff }] });
      const until = at(14, '14:00');
      const extend = () =>
        handle.executeUpdate(messages.requestExtensionUpdate, {
          args: [{ actor: staff, reason: 'Cần phối hợp', until }],
        });
      await extend();
      await handle.executeUpdate(messages.decideExtensionUpdate, {
        args: [{ actor: coordinator, approve: false, note: 'Chưa đủ căn cứ' }],
      });
      await extend();
      await handle.executeUpdate(messages.decideExtensionUpdate, {
        args: [{ actor: coordinator, approve: true, note: 'OK' }],
      });
      await system.sleepUntil(until + 60_000); // the new plan's reminders, overdue and first escalation
      expect((await types()).slice(10)).toEqual([
        'accepted',
        'extension_requested',
        'extension_refused',
        'extension_requested',
        'extension_approved',
        'reminder',
        'reminder',
        'overdue',
        'escalated',
      ]);
      const resolved = await handle.executeUpdate(messages.resolveUpdate, {
        args: [{ actor: staff, result: 'Đã xử lý.', media: [] }],
      });
      expect(resolved.status).toBe('resolved');
      await system.sleepUntil(until + 8 * 86_400_000); // past the rating window
      expect((await handle.result()).status).toBe('closed');
      expect((await system.timeline(id)).at(-1)).toMatchObject({ type: 'closed', details: { reason: 'no rating' } });
      await save(system.env.client, 'report-timers', handle.workflowId);
    });
  });

  it('left no history file from an earlier recording', () => {
    const onDisk = readdirSync(directory).filter((name) => name.endsWith('.json'));
    expect(onDisk.filter((name) => !written.has(name))).toEqual([]);
  });
});
