// The yearly working-time calendar as administrators see it: a year is "provisional" (computed from
// the law, domain/holidayLaw.ts) until an admin enters the government's decision and it becomes
// "official". Here: checking an admin's list of days, what changed between two versions of a year,
// the WorkingCalendar that deadline arithmetic uses, and how a change moves an open deadline.
// Pure: no I/O.
import { isWeekend } from './holidayLaw';
import { addWorkingMs, workingMsBetween, type OfficePeriod, type WorkingCalendar } from './workingTime';

export type CalendarDayKind = 'holiday' | 'workday';
export type CalendarStatus = 'provisional' | 'official';

/** One exception to the Monday–Friday week: a weekday off, or a weekend day worked. */
export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  nameVi: string;
  nameEn: string;
  source?: string | null;
}

export interface CalendarYear {
  year: number;
  status: CalendarStatus;
  days: CalendarDay[];
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Problems with an admin's days for `year`, each naming its field ('days.3.date'); empty when valid. */
export function checkOfficialDays(year: number, days: readonly CalendarDay[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  days.forEach((day, index) => {
    const field = `days.${index}.date`;
    if (!day.date.startsWith(`${year}-`)) {
      problems.push({ field, message: `ngày ${day.date} không thuộc năm ${year} (date is not in ${year})` });
    } else if (day.kind === 'holiday' && isWeekend(day.date)) {
      problems.push({
        field,
        message: `${day.date} là ngày nghỉ cuối tuần; hãy nhập ngày nghỉ bù (a weekend day is already off: enter the weekday taken in lieu)`,
      });
    } else if (day.kind === 'workday' && !isWeekend(day.date)) {
      problems.push({
        field,
        message: `${day.date} là ngày làm việc bình thường (a weekday is already a workday: only weekend days can be make-up days)`,
      });
    }
    const first = seen.get(day.date);
    if (first !== undefined)
      problems.push({ field, message: `ngày ${day.date} trùng với days.${first} (duplicate of days.${first})` });
    else seen.set(day.date, index);
  });
  return problems;
}

/** A day whose working status differs between two versions of a calendar. */
export interface ChangedDay {
  date: string;
  wasWorking: boolean;
  isWorking: boolean;
}

/** The days whose working status differs (a renamed holiday changes no deadline), oldest first. */
export function changedDays(before: readonly CalendarDay[], after: readonly CalendarDay[]): ChangedDay[] {
  const kindOf = (days: readonly CalendarDay[]) => new Map(days.map((day) => [day.date, day.kind]));
  const was = kindOf(before);
  const is = kindOf(after);
  const working = (date: string, kind: CalendarDayKind | undefined) =>
    kind === undefined ? !isWeekend(date) : kind === 'workday';
  return [...new Set([...was.keys(), ...is.keys()])]
    .sort()
    .map((date) => ({ date, wasWorking: working(date, was.get(date)), isWorking: working(date, is.get(date)) }))
    .filter((day) => day.wasWorking !== day.isWorking);
}

/** The calendar deadline arithmetic uses, from the exception days of every year it knows. */
export function workingCalendar(days: readonly CalendarDay[], officeHours: OfficePeriod[]): WorkingCalendar {
  return {
    holidays: days.filter((day) => day.kind === 'holiday').map((day) => day.date),
    workdays: days.filter((day) => day.kind === 'workday').map((day) => day.date),
    officeHours,
  };
}

/** The calendar as it was before `changes`: each changed day back to its former working status. */
export function calendarBefore(current: WorkingCalendar, changes: readonly ChangedDay[]): WorkingCalendar {
  const changed = new Set(changes.map((day) => day.date));
  const keep = (dates: string[]) => dates.filter((date) => !changed.has(date));
  const off = changes.filter((day) => !day.wasWorking && !isWeekend(day.date)).map((day) => day.date);
  const worked = changes.filter((day) => day.wasWorking && isWeekend(day.date)).map((day) => day.date);
  return {
    ...current,
    holidays: [...keep(current.holidays), ...off],
    workdays: [...keep(current.workdays), ...worked],
  };
}

/**
 * Where a deadline moves when the calendar changes: the working time left until it, counted with
 * the former calendar, is counted again from now with the new one. A passed deadline stays put.
 */
export function movedDeadline(nowMs: number, deadlineAt: number, before: WorkingCalendar, after: WorkingCalendar) {
  if (deadlineAt <= nowMs) return deadlineAt;
  return addWorkingMs(nowMs, workingMsBetween(nowMs, deadlineAt, before), after);
}

/**
 * Admins are told from 1 November while next year is still provisional (dates are local days,
 * 'YYYY-MM-DD'): the year to remind about, or null.
 */
export function provisionalYearToAnnounce(today: string, nextYearStatus: CalendarStatus): number | null {
  const [year, month] = today.split('-').map(Number);
  return month >= 11 && nextYearStatus === 'provisional' ? year + 1 : null;
}
