// The calendar's workflows. One per change of the working-time calendar: find the open reports
// whose deadline lies after the first changed day and signal each report workflow, which recounts
// its own deadline once (workflows/report: calendarChangedSignal); reports finished in between
// ignore the signal. And a daily watch that tells admins when next year is still provisional.
import { getExternalWorkflowHandle, proxyActivities } from '@temporalio/workflow';
import type { createCalendarActivities } from '../../activities/calendar';
import type { createDeliveryActivities } from '../../activities/delivery';
import { localDate } from '../../domain/workingTime';
import { calendarChangedSignal, reportWorkflowId } from '../report/messages';
import type { CalendarChangeInput, CalendarChangeOutcome } from './messages';

const db = proxyActivities<ReturnType<typeof createCalendarActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const delivery = proxyActivities<ReturnType<typeof createDeliveryActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 8 },
});

/** The server refuses more pending external signals than this per workflow (limit.numPendingSignals). */
const signalBatch = 500;

export async function calendarChangeWorkflow(input: CalendarChangeInput): Promise<CalendarChangeOutcome> {
  const reportIds = await db.findReportsReachedByCalendarChange(input);
  for (let start = 0; start < reportIds.length; start += signalBatch) {
    await Promise.all(
      reportIds.slice(start, start + signalBatch).map(
        (reportId) =>
          getExternalWorkflowHandle(reportWorkflowId(reportId))
            .signal(calendarChangedSignal, { changeId: input.changeId, changedDays: input.changedDays })
            .catch(() => undefined), // the report's workflow has ended: nothing to move
      ),
    );
  }
  return { reportsTold: reportIds.length };
}

/**
 * Run daily by a Schedule: from 1 November, while next year is still provisional, city admins are
 * told by SMS and e-mail, once per year each (the admin pages show the same as a banner).
 */
export async function calendarWatchWorkflow(): Promise<{ notices: number }> {
  const ids = await db.queueProvisionalCalendarNotices({ today: localDate(Date.now()) });
  await Promise.all(ids.map((id) => delivery.deliverOutboxMessage(id).catch(() => 'failed')));
  return { notices: ids.length };
}
