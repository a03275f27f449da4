// Run by the Friday 15:00 schedule: queue every recipient's summary of [scheduled time − 7 days,
// scheduled time), then deliver each queued message. The week comes from the schedule's time, not
// the clock, so a caught-up, retried or re-run summary reports the same week and, through the
// outbox dedupe keys, sends nothing twice.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createSummaryActivities } from '../../activities/summary';
import type { createDeliveryActivities } from '../../activities/delivery';
import { summaryWeek } from '../../domain/weeklySummary';
import { scheduledStartTimeKey, type WeeklySummaryInput, type WeeklySummaryOutcome } from './messages';

const { queueWeeklySummaries } = proxyActivities<ReturnType<typeof createSummaryActivities>>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
// Limit delivery retries so that a flapping provider cannot spam a leader.
const { deliverOutboxMessage } = proxyActivities<ReturnType<typeof createDeliveryActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 8 },
});

export async function weeklySummaryWorkflow(input: WeeklySummaryInput = {}): Promise<WeeklySummaryOutcome> {
  const info = workflowInfo();
  const scheduledAt =
    input.scheduledAt ?? info.typedSearchAttributes.get(scheduledStartTimeKey)?.getTime() ?? info.startTime.getTime();
  const week = summaryWeek(scheduledAt);
  const queued = await queueWeeklySummaries(week);
  const outcomes = await Promise.all(
    queued.outboxIds.map((id) => deliverOutboxMessage(id).catch(() => 'failed' as const)),
  );
  return {
    weekStart: new Date(week.from).toISOString(),
    weekEnd: new Date(week.to).toISOString(),
    recipients: queued.recipients,
    skipped: queued.skipped,
    messages: outcomes.length,
    sent: outcomes.filter((outcome) => outcome === 'sent').length,
    failed: outcomes.filter((outcome) => outcome === 'failed').length,
  };
}
