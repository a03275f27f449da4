// Activities of the calendar-change workflow: which open reports a change of the working-time
// calendar can reach. Read-only, so retries are harmless.
import { ApplicationFailure } from '@temporalio/activity';
import type pg from 'pg';
import { findOpenReportsDueAfter } from '../db/calendar';
import { query } from '../db/pool';
import type { CalendarChangeInput } from '../workflows/calendar/messages';

/** Asia/Ho_Chi_Minh midnight of a local day, epoch ms. */
const localMidnight = (date: string) => Date.parse(`${date}T00:00:00+07:00`);

export function createCalendarActivities(deps: { pool: pg.Pool }) {
  return {
    async findReportsReachedByCalendarChange(input: CalendarChangeInput): Promise<string[]> {
      // The API starts this workflow just before committing the change: wait until it is visible,
      // or the reports would recount their deadlines with the former calendar.
      const [change] = await query(deps.pool, 'SELECT 1 FROM calendar_changes WHERE id = $1', [input.changeId]);
      if (!change) throw ApplicationFailure.retryable(`calendar change ${input.changeId} is not committed yet`);
      if (input.changedDays.length === 0) return [];
      return findOpenReportsDueAfter(deps.pool, localMidnight(input.changedDays[0].date));
    },
  };
}
