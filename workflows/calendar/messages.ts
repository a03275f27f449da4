// The calendar-change workflow's public contract: one workflow per change of the working-time
// calendar (calendar_changes.id) that tells every open report it may reach. Importable by api/.
import type { ChangedDay } from '../../domain/calendar';

export interface CalendarChangeInput {
  changeId: string;
  changedDays: ChangedDay[];
}

export interface CalendarChangeOutcome {
  reportsTold: number;
}

/** One workflow per change: starting it twice is refused by Temporal, so a change fans out once. */
export const calendarChangeWorkflowId = (changeId: string): string => `calendar-change-${changeId}`;
