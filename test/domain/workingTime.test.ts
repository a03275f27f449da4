// Working-time arithmetic: worked examples on the real 2026 calendar (Tết, make-up Saturdays),
// then properties over random instants of 2026 that tie add, subtract and between together.
import { describe, expect, test as unit } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { calendar2026 } from '../../domain/calendarSeed';
import { parseDuration } from '../../domain/sla';
import {
  addDuration,
  addWorkingMs,
  defaultOfficeHours,
  durationMs,
  isWorkingDay,
  localDate,
  planAlarms,
  subtractWorkingMs,
  workingMsBetween,
  workingMsPerDay,
  type WorkingCalendar,
} from '../../domain/workingTime';

const HOUR = 3_600_000;
const cal: WorkingCalendar = {
  holidays: calendar2026.filter((e) => e.kind === 'holiday').map((e) => e.day),
  workdays: calendar2026.filter((e) => e.kind === 'workday').map((e) => e.day),
  officeHours: defaultOfficeHours,
};

/** '2026-02-13 16:00' local (Asia/Ho_Chi_Minh) to epoch ms. */
function at(local: string): number {
  return Date.parse(`${local.replace(' ', 'T')}:00+07:00`);
}
/** epoch ms to '2026-02-13 16:00' local, so failures read as wall-clock times. */
function show(ms: number): string {
  return new Date(ms + 7 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
}
function add(local: string, duration: string): string {
  return show(addDuration(at(local), parseDuration(duration), cal));
}

describe('calendar', () => {
  unit('when an instant is late in the UTC day, then its local date is already the next day', () => {
    expect(localDate(Date.parse('2026-02-16T17:00:00Z'))).toBe('2026-02-17');
  });

  unit('when the 2026 seed is read, then holidays are weekdays, make-up days are weekends, dates unique', () => {
    const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
    for (const entry of calendar2026) {
      expect([0, 6].includes(weekday(entry.day)), entry.day).toBe(entry.kind === 'workday');
    }
    expect(new Set(calendar2026.map((e) => e.day)).size).toBe(calendar2026.length);
  });

  unit('when a day is a weekday, a Tết day, a Sunday or a make-up Saturday, then isWorkingDay says so', () => {
    expect(isWorkingDay('2026-02-13', cal)).toBe(true);
    expect(isWorkingDay('2026-02-17', cal)).toBe(false);
    expect(isWorkingDay('2026-02-22', cal)).toBe(false);
    expect(isWorkingDay('2026-01-10', cal)).toBe(true);
    expect(workingMsPerDay(cal)).toBe(8 * HOUR);
  });

  unit('when inputs are invalid, then the functions throw', () => {
    expect(() => addWorkingMs(at('2026-03-02 08:00'), -1, cal)).toThrow(/>= 0/);
    expect(() => subtractWorkingMs(at('2026-03-02 08:00'), -1, cal)).toThrow(/>= 0/);
    expect(() => addDuration(at('2026-03-02 08:00'), { amount: -1, unit: 'hours' }, cal)).toThrow();
    expect(() => addWorkingMs(Number.NaN, 1, cal)).toThrow(/instant/);
    expect(() => isWorkingDay('2026-02-30', cal)).toThrow(/YYYY-MM-DD/);
    expect(() =>
      workingMsPerDay({
        ...cal,
        officeHours: [
          { start: '13:00', end: '17:00' },
          { start: '07:30', end: '14:00' },
        ],
      }),
    ).toThrow(/office hours/);
    expect(() => addWorkingMs(0, 1, { ...cal, officeHours: [] })).toThrow(/no office hours/);
    expect(() =>
      planAlarms(
        at('2026-03-02 08:00'),
        at('2026-03-01 08:00'),
        { reminders: [], reminderFractions: [], escalationDelays: [] },
        cal,
      ),
    ).toThrow();
  });
});

describe('adding and subtracting working time', () => {
  unit('when 2 working hours are added on Friday 16:00, then the result is Monday 08:30', () => {
    expect(add('2026-03-06 16:00', '2 working_hours')).toBe('2026-03-09 08:30');
  });

  unit('when 1 working day is added on the Friday before Tết at 16:00, then the result is after Tết', () => {
    expect(add('2026-02-13 16:00', '1 working_days')).toBe('2026-02-23 16:00');
  });

  unit('when working time is added before a make-up Saturday, then the Saturday counts', () => {
    expect(add('2026-08-21 16:00', '2 working_hours')).toBe('2026-08-22 08:30');
    expect(add('2025-12-31 16:00', '2 working_hours')).toBe('2026-01-05 08:30');
  });

  unit('when work runs into the lunch break, then it resumes at 13:00', () => {
    expect(add('2026-03-03 11:00', '1 working_hours')).toBe('2026-03-03 13:30');
  });

  unit('when work ends exactly at the end of a period, then the result is that end, not the next period', () => {
    expect(add('2026-03-03 16:00', '1 working_hours')).toBe('2026-03-03 17:00');
    expect(add('2026-03-03 07:30', '1 working_days')).toBe('2026-03-03 17:00');
    expect(add('2026-03-03 10:30', '1 working_hours')).toBe('2026-03-03 11:30');
  });

  unit('when counting starts outside office hours, then it starts at the next office period', () => {
    expect(add('2026-03-07 10:00', '1 working_hours')).toBe('2026-03-09 08:30');
    expect(add('2026-03-03 12:00', '1 working_hours')).toBe('2026-03-03 14:00');
    expect(add('2026-03-03 05:00', '30 minutes')).toBe('2026-03-03 05:30');
  });

  unit('when working time is subtracted, then it mirrors adding and stops at a period start', () => {
    expect(show(subtractWorkingMs(at('2026-03-09 08:30'), 2 * HOUR, cal))).toBe('2026-03-06 16:00');
    expect(show(subtractWorkingMs(at('2026-02-23 16:00'), 8 * HOUR, cal))).toBe('2026-02-13 16:00');
    expect(show(subtractWorkingMs(at('2026-03-10 08:30'), 1 * HOUR, cal))).toBe('2026-03-10 07:30');
    expect(show(subtractWorkingMs(at('2026-03-10 14:00'), 2 * HOUR, cal))).toBe('2026-03-10 10:30');
  });

  unit('when working days and calendar days are added over Tết, then only working days skip the holiday', () => {
    expect(add('2026-02-13 10:00', '3 working_days')).toBe('2026-02-25 10:00');
    expect(add('2026-02-13 10:00', '3 calendar_days')).toBe('2026-02-16 10:00');
    expect(durationMs(parseDuration('1.5 working_days'), cal)).toBe(12 * HOUR);
  });

  unit('when the working time between two instants spans Tết, then only office hours count', () => {
    expect(workingMsBetween(at('2026-02-13 16:00'), at('2026-02-23 08:30'), cal)).toBe(2 * HOUR);
    expect(workingMsBetween(at('2026-02-23 08:30'), at('2026-02-13 16:00'), cal)).toBe(0);
  });

  unit('when 30 working days are added a thousand times across Tết, then it stays fast', () => {
    const began = performance.now();
    for (let i = 0; i < 1000; i++) addWorkingMs(at('2026-02-10 09:00') + i * 60_000, 30 * 8 * HOUR, cal);
    expect(performance.now() - began).toBeLessThan(2000);
  });
});

describe('planAlarms', () => {
  unit(
    'when a 5-working-day clock has a 75 % reminder, a 1-day reminder and three escalations, then the plan is exact',
    () => {
      const start = at('2026-03-02 07:30');
      const deadline = addDuration(start, parseDuration('5 working_days'), cal);
      const plan = planAlarms(
        start,
        deadline,
        {
          reminders: [
            parseDuration('1 working_days'),
            parseDuration('8 working_hours'),
            parseDuration('30 calendar_days'),
          ],
          reminderFractions: [0.75],
          escalationDelays: ['4 working_hours', '1 working_days', '2 calendar_days'].map(parseDuration),
        },
        cal,
      );
      expect(show(plan.deadlineAt)).toBe('2026-03-06 17:00');
      // the duplicate (8 h = 1 day) is merged; the offset reaching before the start is dropped
      expect(plan.remindAt.map(show)).toEqual(['2026-03-05 15:00', '2026-03-06 07:30']);
      expect(plan.escalateAt.map(show)).toEqual(['2026-03-09 11:30', '2026-03-10 11:30', '2026-03-12 11:30']);
    },
  );

  unit('when a reminder uses elapsed time, then it is the deadline minus that time', () => {
    const plan = planAlarms(
      at('2026-03-02 08:00'),
      at('2026-03-02 10:00'),
      {
        reminders: [parseDuration('30 minutes')],
        reminderFractions: [0, 1],
        escalationDelays: [],
      },
      cal,
    );
    expect(plan.remindAt.map(show)).toEqual(['2026-03-02 09:30']);
  });
});

describe('properties over 2026', () => {
  const year = fc.integer({ min: at('2026-01-01 00:00'), max: at('2026-12-31 23:59') });
  const aroundTet = fc.integer({ min: at('2026-02-12 00:00'), max: at('2026-02-24 00:00') });
  const onBoundary = fc
    .tuple(fc.integer({ min: 0, max: 364 }), fc.constantFrom('07:30', '11:30', '13:00', '17:00'))
    .map(([day, time]) => at(`2026-01-01 ${time}`) + day * 24 * HOUR);
  const instant = fc.oneof(year, aroundTet, onBoundary);
  const amount = fc.oneof(
    fc.integer({ min: 0, max: 30 * 8 * HOUR }),
    fc.integer({ min: 0, max: 40 }).map((n) => n * 30 * 60_000),
  );

  test.prop([instant, amount])('when x is added, then the working time between start and result is x', (from, x) => {
    expect(workingMsBetween(from, addWorkingMs(from, x, cal), cal)).toBe(x);
    expect(workingMsBetween(subtractWorkingMs(from, x, cal), from, cal)).toBe(x);
  });

  test.prop([instant, amount])(
    'when x is added then subtracted, then the result has the same working position',
    (from, x) => {
      const back = subtractWorkingMs(addWorkingMs(from, x, cal), x, cal);
      expect(back).toBeGreaterThanOrEqual(from);
      expect(workingMsBetween(from, back, cal)).toBe(0);
      if (workingMsBetween(from, from + 1, cal) === 1) expect(back).toBe(from);
    },
  );

  test.prop([instant, amount.filter((x) => x > 0)])(
    'when x > 0 is added, then the result is in office hours on a working day or at a period end',
    (from, x) => {
      const result = addWorkingMs(from, x, cal);
      expect(isWorkingDay(localDate(result), cal)).toBe(true);
      const msOfDay = (result + 7 * HOUR) % (24 * HOUR);
      const clockMs = (hhmm: string) => Number(hhmm.slice(0, 2)) * HOUR + Number(hhmm.slice(3)) * 60_000;
      const inside = defaultOfficeHours.some((p) => msOfDay > clockMs(p.start) && msOfDay <= clockMs(p.end));
      expect(inside, show(result)).toBe(true);
    },
  );

  test.prop([instant, amount, amount])('when more working time is added, then the result is later', (from, x, y) => {
    const [small, large] = x <= y ? [x, y] : [y, x];
    const [early, late] = [addWorkingMs(from, small, cal), addWorkingMs(from, large, cal)];
    if (small < large) expect(early).toBeLessThan(late);
    else expect(early).toBe(late);
  });
});
