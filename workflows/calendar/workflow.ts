// One workflow per change of the working-time calendar: find the open reports whose deadline lies
// after the first changed day and signal each report workflow, which recounts its own deadline once
// (workflows/report: calendarChangedSignal). Reports finished in between simply ignore the signal.
import { getExternalWorkflowHandle, proxyActivities } from '@temporalio/workflow';
import type { createCalendarActivities } from '../../activities/calendar';
import { calendarChangedSignal, reportWorkflowId } from '../report/messages';
import type { CalendarChangeInput, CalendarChangeOutcome } from './messages';

const db = proxyActivities<ReturnType<typeof createCalendarActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
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
