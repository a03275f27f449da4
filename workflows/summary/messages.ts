// The weekly summary workflow's contract: its input and outcome, the schedule that runs it, and
// the search attribute through which the schedule tells each run its own scheduled time.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export interface WeeklySummaryInput {
  /** the end of the week to report (epoch ms); by default the run's scheduled time */
  scheduledAt?: number;
}

export interface WeeklySummaryOutcome {
  weekStart: string;
  weekEnd: string;
  recipients: number;
  skipped: string[];
  messages: number;
  sent: number;
  failed: number;
}

export const weeklySummaryScheduleId = (taskQueue: string): string => `pakn-weekly-summary-${taskQueue}`;

/** Set by Temporal on every run a schedule starts (also when triggered or caught up). */
export const scheduledStartTimeKey = defineSearchAttributeKey(
  'TemporalScheduledStartTime',
  SearchAttributeType.DATETIME,
);
