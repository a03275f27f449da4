// The calendar that never runs out: lunar dates against known Tết days, the law's provisional
// years, deadlines across the 2026/2027 year end and Tết 2027, what an admin's change moves, and
// the checks on an admin's days.
import { describe, expect, it } from 'vitest';
import { calendar2026 } from '../../domain/calendarSeed';
import { lunarToSolar, provisionalCalendar } from '../../domain/holidayLaw';
import {
  calendarBefore,
  changedDays,
  checkOfficialDays,
  movedDeadline,
  provisionalYearToAnnounce,
  workingCalendar,
  type CalendarDay,
} from '../../domain/calendar';
import { parseDuration } from '../../domain/sla';
import { addDuration, defaultOfficeHours } from '../../domain/workingTime';

const HOUR = 3_600_000;
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+07:00`);
const show = (ms: number) => new Date(ms + 7 * HOUR).toISOString().slice(0, 16).replace('T', ' ');

const official2026: CalendarDay[] = calendar2026.map((day) => ({
  date: day.day,
  kind: day.kind,
  nameVi: day.name,
  nameEn: day.nameEn,
}));
const withProvisional2027 = workingCalendar([...official2026, ...provisionalCalendar(2027)], defaultOfficeHours);
const without2027 = workingCalendar(official2026, defaultOfficeHours);
const add = (local: string, duration: string, cal = withProvisional2027) =>
  show(addDuration(at(local), parseDuration(duration), cal));

describe('lunar dates', () => {
  it.each([
    [2007, '2007-02-17'], // a year where Vietnam's Tết (UTC+7) is a day before China's
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ])('when the first day of lunar year %i is asked, then it is %s', (year, tet) => {
    expect(lunarToSolar(year, 1, 1)).toBe(tet);
  });

  it("when the Hùng Kings' day is asked, then it is the 10th day of the 3rd lunar month", () => {
    expect([2025, 2026, 2027].map((year) => lunarToSolar(year, 3, 10))).toEqual([
      '2025-04-07',
      '2026-04-26',
      '2027-04-16',
    ]);
  });
});

describe('provisional calendar', () => {
  it('when 2027 is computed from the law, then weekend holidays are taken on the next working days', () => {
    expect(provisionalCalendar(2027).map((day) => day.date)).toEqual([
      '2027-01-01',
      '2027-02-05', // last day of the lunar year (Friday)
      '2027-02-08', // mùng 3, mùng 4 (Monday, Tuesday)
      '2027-02-09',
      '2027-02-10', // in lieu of mùng 1 (Saturday) and mùng 2 (Sunday)
      '2027-02-11',
      '2027-04-16', // Hùng Kings (Friday)
      '2027-04-30',
      '2027-05-03', // in lieu of 1 May (Saturday)
      '2027-09-02',
      '2027-09-03', // the adjacent day that joins the weekend
      '2027-11-24',
    ]);
    expect(provisionalCalendar(2027).every((day) => day.kind === 'holiday' && day.source)).toBe(true);
  });

  it('when 2026 is computed from the law, then it holds every holiday the government kept in 2026', () => {
    const official = new Set(official2026.filter((day) => day.kind === 'holiday').map((day) => day.date));
    expect(provisionalCalendar(2026).filter((day) => !official.has(day.date))).toEqual([]);
  });
});

describe('deadlines across the year end and Tết 2027', () => {
  it('when a report of 30 December 2026 has 10 working days, then it is due on 14 January 2027, not the 13th', () => {
    expect(add('2026-12-30 10:00', '10 working_days', without2027)).toBe('2027-01-13 10:00');
    expect(add('2026-12-30 10:00', '10 working_days')).toBe('2027-01-14 10:00');
  });

  it('when a report of Wednesday 3 February 2027 has 3 working days, then Tết and its in-lieu days are skipped', () => {
    // Thu 4, then Fri 5 – Thu 11 off (Tết, weekend, in-lieu days), then Fri 12 and Mon 15.
    expect(add('2027-02-03 09:00', '3 working_days')).toBe('2027-02-15 09:00');
  });
});

describe('a change of the calendar', () => {
  const dec2026 = (date: string, kind: 'holiday' | 'workday' = 'holiday'): CalendarDay => ({
    date,
    kind,
    nameVi: 'Nghỉ',
    nameEn: 'Off',
  });

  it('when a weekday becomes a holiday and a Saturday a workday, then both are changes; a renamed day is not', () => {
    const before = [dec2026('2026-12-10')];
    const after = [
      { ...dec2026('2026-12-10'), nameVi: 'Tên khác' },
      dec2026('2026-12-11'),
      dec2026('2026-12-12', 'workday'),
    ];
    expect(changedDays(before, after)).toEqual([
      { date: '2026-12-11', wasWorking: true, isWorking: false },
      { date: '2026-12-12', wasWorking: false, isWorking: true },
    ]);
  });

  it('when a day inside the remaining time becomes a holiday, then the deadline moves one working day later', () => {
    const after = workingCalendar([...official2026, dec2026('2026-12-10')], defaultOfficeHours);
    const changes = changedDays(official2026, [...official2026, dec2026('2026-12-10')]);
    const before = calendarBefore(after, changes);
    expect(before.holidays).not.toContain('2026-12-10');
    expect(show(movedDeadline(at('2026-12-07 08:00'), at('2026-12-14 16:00'), before, after))).toBe('2026-12-15 16:00');
    // A deadline already passed stays where it was.
    expect(movedDeadline(at('2026-12-15 08:00'), at('2026-12-14 16:00'), before, after)).toBe(at('2026-12-14 16:00'));
  });
});

describe("an admin's days", () => {
  it('when days fall outside the year, on the wrong kind of day or twice, then each is named', () => {
    const problems = checkOfficialDays(2027, [
      { date: '2026-12-31', kind: 'holiday', nameVi: 'a', nameEn: 'a' },
      { date: '2027-02-06', kind: 'holiday', nameVi: 'b', nameEn: 'b' }, // a Saturday
      { date: '2027-02-08', kind: 'workday', nameVi: 'c', nameEn: 'c' }, // a Monday
      { date: '2027-02-09', kind: 'holiday', nameVi: 'd', nameEn: 'd' },
      { date: '2027-02-09', kind: 'holiday', nameVi: 'e', nameEn: 'e' },
    ]);
    expect(problems.map((problem) => problem.field)).toEqual([
      'days.0.date',
      'days.1.date',
      'days.2.date',
      'days.4.date',
    ]);
  });

  it('when the provisional 2027 is entered as official, then it is valid', () => {
    expect(checkOfficialDays(2027, provisionalCalendar(2027))).toEqual([]);
  });

  it('when it is November and next year is provisional, then admins are told; official or earlier, not', () => {
    expect(provisionalYearToAnnounce('2026-11-01', 'provisional')).toBe(2027);
    expect(provisionalYearToAnnounce('2026-12-04', 'provisional')).toBe(2027);
    expect(provisionalYearToAnnounce('2026-10-31', 'provisional')).toBeNull();
    expect(provisionalYearToAnnounce('2026-12-04', 'official')).toBeNull();
  });
});
