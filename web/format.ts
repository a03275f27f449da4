// How the pages show time: instants in Asia/Ho_Chi_Minh ("14:30 05/12/2026"), and the time left
// before a deadline in working time, as people say it ("còn 2 ngày làm việc").
import { workingMsBetween, workingMsPerDay, type WorkingCalendar } from '../domain/workingTime';
import type { Duration } from '../domain/sla';
import { formatHcmcTime } from '../domain/messages';
import type { Translate } from './i18n';

const HOUR = 3_600_000;
/** '14:30 05/12/2026' in Ho Chi Minh City time; '' for nothing. */
export function localTime(at: string | Date | null | undefined): string {
  return at ? formatHcmcTime(at) : '';
}

/** Working time left before `deadline` (or past it), in whole working days when a day or more, else hours. */
export function workingTimeLeft(deadline: string | Date, now: number, cal: WorkingCalendar, t: Translate): string {
  const deadlineMs = new Date(deadline).getTime();
  const late = deadlineMs < now;
  const ms = late ? workingMsBetween(deadlineMs, now, cal) : workingMsBetween(now, deadlineMs, cal);
  const day = workingMsPerDay(cal);
  if (ms >= day) return t(late ? 'time.workingDaysLate' : 'time.workingDaysLeft', { n: Math.floor(ms / day) });
  if (ms < HOUR && !late) return t('time.lessThanHour');
  return t(late ? 'time.workingHoursLate' : 'time.workingHoursLeft', { n: Math.max(1, Math.floor(ms / HOUR)) });
}

export function durationText(duration: Duration, t: Translate): string {
  return t(`duration.${duration.unit}`, { n: duration.amount });
}
