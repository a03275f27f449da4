// Use cases of the working-time calendar, callable from the API routes and the admin pages alike:
// read a year (provisional or official), enter the government's decision for a year, and know
// whether admins must be told that next year is still provisional.
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { findCalendarYear, lockCalendarYear, recordCalendarChange, saveOfficialYear } from '../db/calendar';
import { inTransaction } from '../db/pool';
import {
  changedDays,
  checkOfficialDays,
  provisionalYearToAnnounce,
  type CalendarDay,
  type CalendarYear,
  type ChangedDay,
} from '../domain/calendar';
import type { StaffActor } from '../domain/roles';
import { calendarChangeWorkflowId } from '../workflows/calendar/messages';
import { notFound, validationFailed } from '../api/errors';
import { requireCityAdmin } from './adminScope';

export interface CalendarDeps {
  pool: pg.Pool;
  temporal: Client;
  taskQueue: string;
}

export const calendarYears = { min: 2000, max: 2100 } as const;

export function parseCalendarYear(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < calendarYears.min || year > calendarYears.max)
    // A path naming no year PAKN keeps a calendar for: nothing there.
    throw notFound('calendar', 'Không có lịch cho năm này (no calendar for that year)', [
      { field: 'year', message: `a year from ${calendarYears.min} to ${calendarYears.max}` },
    ]);
  return year;
}

export async function getCalendar(deps: Pick<CalendarDeps, 'pool'>, year: number): Promise<CalendarYear> {
  return findCalendarYear(deps.pool, year);
}

export interface OfficialCalendarInput {
  year: number;
  days: CalendarDay[];
  /** the government's decision, e.g. 'Công văn 12729/VPCP-KGVX' */
  source: string | null;
  actor: StaffActor;
}

export interface OfficialCalendarResult {
  calendar: CalendarYear;
  changedDays: ChangedDay[];
  /** the workflow that moves open deadlines, when working days changed */
  changeWorkflowId: string | null;
}

/**
 * The government's decision for a year: the year becomes official, and when working days changed,
 * one workflow tells the open reports whose deadlines the change can move. The workflow starts
 * before the commit so that a Temporal outage refuses the change rather than losing the re-plan.
 */
export async function setOfficialCalendar(
  deps: CalendarDeps,
  input: OfficialCalendarInput,
): Promise<OfficialCalendarResult> {
  requireCityAdmin(input.actor, { vi: 'sửa lịch làm việc', en: 'change the calendar' });
  const problems = checkOfficialDays(input.year, input.days);
  if (problems.length) throw validationFailed(problems, 'Lịch không hợp lệ (invalid calendar)');
  const days = [...input.days].sort((a, b) => a.date.localeCompare(b.date));
  return inTransaction(deps.pool, async (client) => {
    await lockCalendarYear(client, input.year);
    const before = await findCalendarYear(client, input.year);
    const changed = changedDays(before.days, days);
    await saveOfficialYear(client, { year: input.year, days, source: input.source, by: input.actor.id });
    let changeWorkflowId: string | null = null;
    if (changed.length > 0) {
      const changeId = String(await recordCalendarChange(client, { year: input.year, by: input.actor.id, changed }));
      changeWorkflowId = calendarChangeWorkflowId(changeId);
      await deps.temporal.workflow.start('calendarChangeWorkflow', {
        taskQueue: deps.taskQueue,
        workflowId: changeWorkflowId,
        args: [{ changeId, changedDays: changed }],
      });
    }
    return { calendar: { year: input.year, status: 'official', days }, changedDays: changed, changeWorkflowId };
  });
}

/** The year admins must be told about today (from 1 November while next year is provisional), or null. */
export async function provisionalYearAhead(deps: Pick<CalendarDeps, 'pool'>, today: string): Promise<number | null> {
  const next = await findCalendarYear(deps.pool, Number(today.slice(0, 4)) + 1);
  return provisionalYearToAnnounce(today, next.status);
}
