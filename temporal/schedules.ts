// Temporal Schedules owned by PAKN, created or updated idempotently when a worker starts.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { weeklySummaryScheduleId } from '../workflows/summary/messages';

export async function ensureSchedule(client: Client, options: ScheduleOptions): Promise<void> {
  try {
    await client.schedule.create(options);
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(options.scheduleId).update((previous) => ({
      ...previous,
      spec: options.spec,
      action: options.action,
      policies: { ...previous.policies, ...options.policies },
    }));
  }
}

export function reconcileSchedule(taskQueue: string, everySeconds: number): ScheduleOptions {
  return {
    scheduleId: `pakn-reconcile-${taskQueue}`,
    spec: { intervals: [{ every: `${everySeconds} seconds` }] },
    action: {
      type: 'startWorkflow',
      workflowType: 'reconcileWorkflow',
      taskQueue,
      workflowId: `pakn-reconcile-${taskQueue}`,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
  };
}

/** Fridays 15:00 in Ho Chi Minh City; a run missed while the system was down starts late, once. */
export function weeklySummarySchedule(taskQueue: string, catchupHours: number): ScheduleOptions {
  return {
    scheduleId: weeklySummaryScheduleId(taskQueue),
    spec: { calendars: [{ dayOfWeek: 'FRIDAY', hour: 15, minute: 0 }], timezone: 'Asia/Ho_Chi_Minh' },
    action: {
      type: 'startWorkflow',
      workflowType: 'weeklySummaryWorkflow',
      taskQueue,
      workflowId: weeklySummaryScheduleId(taskQueue),
      args: [{}],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: `${Math.max(catchupHours, 1)} hours` },
  };
}

/** Every morning at 08:00 in Ho Chi Minh City: is next year's calendar still provisional? */
export function calendarWatchSchedule(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: `pakn-calendar-watch-${taskQueue}`,
    spec: { calendars: [{ hour: 8, minute: 0 }], timezone: 'Asia/Ho_Chi_Minh' },
    action: {
      type: 'startWorkflow',
      workflowType: 'calendarWatchWorkflow',
      taskQueue,
      workflowId: `pakn-calendar-watch-${taskQueue}`,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
  };
}
