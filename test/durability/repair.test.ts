// The operator's repair path of the README ("A report whose workflow is failing"), done for real:
// a bad build records a history the fixed code cannot replay, so every workflow task of that
// report fails; the operator finds it by the TemporalReportedProblems search attribute with the
// Temporal CLI, and resets it to its first workflow task; the report then runs normally.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Worker } from '@temporalio/worker';
import { reportWorkflowId } from '../../workflows/report/messages';
import { connectWorkerConnection, temporalTarget } from '../../temporal/connect';
import { call, eventually, staffToken, startTestSystem, type TestSystem } from '../support/system';

const run = promisify(execFile);
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => system?.stop());

/** The Temporal CLI as the README shows it, against this run's server. */
async function temporal(...args: string[]): Promise<string> {
  const { stdout } = await run(inject('temporalCliPath'), [...args, '--address', inject('temporalAddress')]);
  return stdout;
}

async function withBadBuild<T>(work: () => Promise<T>): Promise<T> {
  const connection = await connectWorkerConnection(temporalTarget(system.config));
  const worker = await Worker.create({
    connection,
    namespace: system.config.temporalNamespace,
    taskQueue: system.config.taskQueue,
    workflowsPath: path.join(__dirname, '../support/brokenReportWorkflow.ts'),
  });
  const running = worker.run();
  try {
    return await work();
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
}

describe('a report whose workflow tasks fail', () => {
  it(
    'is found by TemporalReportedProblems and repaired by a reset to its first workflow task',
    { timeout: 240_000 },
    async () => {
      await system.stopWorker();
      const submitted = await withBadBuild(async () => {
        const reply = await call(system, 'POST', '/api/v1/reports', {
          body: {
            categoryCode: 'WASTE',
            description: 'Rác thải tồn đọng trên vỉa hè nhiều ngày, cần thu gom.',
            location: { wardCode: 'P-SAIGON', address: '12 Lê Lợi' },
          },
        });
        expect(reply.status).toBe(201);
        const handle = system.client.workflow.getHandle(reportWorkflowId(reply.body.id));
        await eventually(
          async () => (await handle.fetchHistory()).events!.some((event) => event.timerStartedEventAttributes),
          30_000,
          'the bad build to record its timer',
        );
        return reply.body;
      });
      const workflowId = reportWorkflowId(submitted.id);
      await system.startWorker();

      // The fixed code cannot replay the bad history: an action times out (bounded), every task fails.
      const staff = await staffToken(system, 'coordinator', 'HCM-TT1022');
      const wedged = await call(system, 'POST', `/api/v1/reports/${submitted.code}/comments`, {
        reportToken: submitted.accessToken,
        body: { comment: 'Xin cập nhật tiến độ.' },
      });
      expect(wedged.status).toBe(503);

      // Found as the README says.
      const problems = await eventually(
        async () => {
          const listed = await temporal(
            'workflow',
            'list',
            '--query',
            "TemporalReportedProblems IN ('category=WorkflowTaskFailed')",
            '--output',
            'json',
          );
          return listed.includes(workflowId) && listed;
        },
        60_000,
        'the report to be flagged by TemporalReportedProblems',
      );
      expect(problems).toContain(workflowId);

      // Repaired as the README says.
      await temporal(
        'workflow',
        'reset',
        '--workflow-id',
        workflowId,
        '--type',
        'FirstWorkflowTask',
        '--reason',
        'bad build',
        '--yes',
      );
      const routed = await eventually(
        async () => {
          const view = await call(system, 'GET', `/api/v1/tasks/${submitted.code}`, { token: staff });
          return view.body.status === 'assigned' && view.body;
        },
        30_000,
        'the repaired report to be routed',
      );
      expect(routed.unitCode).toBe('P-SAIGON');
      // The worker may still be catching up: retried with one Idempotency-Key, the comment is recorded once.
      await eventually(
        async () =>
          (
            await call(system, 'POST', `/api/v1/reports/${submitted.code}/comments`, {
              reportToken: submitted.accessToken,
              body: { comment: 'Xin cập nhật tiến độ.' },
              headers: { 'idempotency-key': 'after-repair' },
            })
          ).status === 200,
        60_000,
        'a comment after the repair',
      );
      await eventually(
        async () => {
          const listed = await temporal(
            'workflow',
            'list',
            '--query',
            `WorkflowId = '${workflowId}' AND TemporalReportedProblems IS NULL AND ExecutionStatus = 'Running'`,
          );
          return listed.includes(workflowId);
        },
        30_000,
        'the flag to clear',
      );
    },
  );
});
