// Activities of the calendar workflows: which open reports a change of the working-time calendar
// can reach, and the notices telling city admins that next year is still provisional (one per
// admin, channel and year: the outbox's dedupe key makes the daily check idempotent).
import { ApplicationFailure } from '@temporalio/activity';
import type pg from 'pg';
import {
  calendarChangeCommitted,
  findCalendarYear,
  findOpenReportsDueAfter,
  listCityAdminContacts,
} from '../db/calendar';
import { contactIntents, enqueueMessage } from '../db/outbox';
import { provisionalYearToAnnounce } from '../domain/calendar';
import { renderMessage } from '../domain/messages';
import type { CalendarChangeInput } from '../workflows/calendar/messages';

/** Asia/Ho_Chi_Minh midnight of a local day, epoch ms. */
const localMidnight = (date: string) => Date.parse(`${date}T00:00:00+07:00`);

export function createCalendarActivities(deps: { pool: pg.Pool }) {
  return {
    async findReportsReachedByCalendarChange(input: CalendarChangeInput): Promise<string[]> {
      // The API starts this workflow just before committing the change: wait until it is visible,
      // or the reports would recount their deadlines with the former calendar.
      if (!(await calendarChangeCommitted(deps.pool, input.changeId)))
        throw ApplicationFailure.retryable(`calendar change ${input.changeId} is not committed yet`);
      if (input.changedDays.length === 0) return [];
      return findOpenReportsDueAfter(deps.pool, localMidnight(input.changedDays[0].date));
    },

    /** From 1 November while next year is provisional: the outbox ids of the notices to city admins. */
    async queueProvisionalCalendarNotices(input: { today: string }): Promise<number[]> {
      const next = await findCalendarYear(deps.pool, Number(input.today.slice(0, 4)) + 1);
      const year = provisionalYearToAnnounce(input.today, next.status);
      if (year === null) return [];
      const message = renderMessage('calendar_provisional', { year });
      const admins = await listCityAdminContacts(deps.pool);
      const intents = admins.flatMap((admin) =>
        contactIntents(admin, message, `calendar-provisional:${year}:${admin.id}`, {
          template: 'calendar_provisional',
          reportId: null,
        }),
      );
      const ids: number[] = [];
      for (const intent of intents) ids.push(await enqueueMessage(deps.pool, intent));
      return ids;
    },
  };
}
