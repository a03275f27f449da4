// The working-time calendar: any year, public (provisional from the law until an admin enters the
// government's decision), and the admin's PUT that makes a year official and moves open deadlines.
import { z } from 'zod';
import { getCalendar, parseCalendarYear, setOfficialCalendar } from '../../usecases/calendarAdmin';
import type { AppDeps } from '../deps';
import type { RouteTable } from '../routeTable';

const localDate = z.iso.date({ error: 'phải là ngày YYYY-MM-DD (must be a YYYY-MM-DD date)' });
const name = z.string().trim().min(1).max(200);

const calendarDaySchema = z
  .object({
    date: localDate,
    kind: z.enum(['holiday', 'workday']),
    nameVi: name,
    nameEn: name,
    source: z.string().trim().max(500).nullish(),
  })
  .strict()
  .openapi('CalendarDay');

const calendarSchema = z
  .object({
    year: z.number().int(),
    status: z.enum(['provisional', 'official']),
    days: z.array(calendarDaySchema),
  })
  .openapi('Calendar');

const officialCalendarBody = z
  .object({
    /** every exception of the year: weekdays off (holidays, swapped and in-lieu days) and weekend days worked */
    days: z.array(calendarDaySchema).max(366),
    source: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .openapi('OfficialCalendar');

const changedDaySchema = z.object({ date: localDate, wasWorking: z.boolean(), isWorking: z.boolean() });

export function addCalendarRoutes(table: RouteTable, deps: AppDeps): void {
  table.add({
    method: 'get',
    path: '/api/v1/calendar/:year',
    tag: 'reference',
    access: 'public',
    summary: "A year's exceptions to the Monday–Friday week: provisional (from the Labour Code) or official",
    responses: {
      200: { description: 'the calendar', schema: calendarSchema },
      404: { description: 'not a year from 2000 to 2100' },
    },
    async handle({ params }) {
      return { status: 200, body: await getCalendar(deps, parseCalendarYear(params.year)) };
    },
  });

  table.add({
    method: 'put',
    path: '/api/v1/admin/calendar/:year',
    tag: 'administration',
    access: ['admin'],
    summary: "Enter the government's decision for a year: the year becomes official and open deadlines move",
    body: officialCalendarBody,
    responses: {
      200: {
        description: 'the official calendar, the days whose working status changed, and the re-planning workflow',
        schema: calendarSchema.extend({
          changedDays: z.array(changedDaySchema),
          changeWorkflowId: z.string().nullable(),
        }),
      },
    },
    async handle({ params, body, staff }) {
      const result = await setOfficialCalendar(
        { pool: deps.pool, temporal: deps.temporal, taskQueue: deps.config.taskQueue },
        { year: parseCalendarYear(params.year), days: body.days, source: body.source ?? null, actor: staff },
      );
      return {
        status: 200,
        body: { ...result.calendar, changedDays: result.changedDays, changeWorkflowId: result.changeWorkflowId },
      };
    },
  });
}
