// Temporal Schedules owned by PAKN, created or updated idempotently when a worker starts.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';

export async function ensureSchedule(client: Client, options: ScheduleOptions): Promise<void> {
  try {
    await client.schedule.create(options);
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(options.scheduleId).update((previous) => ({ ...previous, spec: options.spec, action: options.action, policies: { ...previous.policies, ...options.policies } }));
  }
}

export function reconcileSchedule(taskQueue: string, everySeconds: number): ScheduleOptions {
  return {
    scheduleId: `pakn-reconcile-${taskQueue}`,
    spec: { intervals: [{ every: `${everySeconds} seconds` }] },
    action: { type: 'startWorkflow', workflowType: 'reconcileWorkflow', taskQueue, workflowId: `pakn-reconcile-${taskQueue}` },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
  };
}
