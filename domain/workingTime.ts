// Working-time arithmetic for SLA clocks: "8 working_hours" counts only office hours on working
// days in Asia/Ho_Chi_Minh, skipping weekends, holidays such as Tết and honouring make-up
// Saturdays. Workflow code imports this module, so it is pure integer maths over epoch
// milliseconds: no I/O, no time-zone library, nothing that could differ on replay.
import type { Duration } from './sla';
import { refuse } from './refusal';

export interface OfficePeriod {
  start: string;
  end: string;
}
export interface WorkingCalendar {
  holidays: string[];
  workdays: string[];
  officeHours: OfficePeriod[];
}

export const defaultOfficeHours: OfficePeriod[] = [
  { start: '07:30', end: '11:30' },
  { start: '13:00', end: '17:00' },
];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Asia/Ho_Chi_Minh is UTC+07:00 all year (no daylight saving), so local time is a fixed shift.
const OFFSET = 7 * HOUR;
const elapsedUnitMs = { seconds: 1000, minutes: MINUTE, hours: HOUR, calendar_days: DAY } as const;

/** A calendar checked and turned into numbers: days as indices since 1970-01-01, periods as ms of the day. */
interface Compiled {
  holidays: Set<number>;
  workdays: Set<number>;
  periods: [number, number][];
}

export function localDate(ms: number): string {
  assertInstant(ms);
  return dayString(Math.floor((ms + OFFSET) / DAY));
}

export function isWorkingDay(localDay: string, cal: WorkingCalendar): boolean {
  return isWorkingDayIndex(parseDay(localDay), compile(cal));
}

export function workingMsPerDay(cal: WorkingCalendar): number {
  return compile(cal).periods.reduce((sum, [start, end]) => sum + end - start, 0);
}

export function addWorkingMs(fromMs: number, workingMs: number, cal: WorkingCalendar): number {
  assertInstant(fromMs);
  assertAmount(workingMs);
  if (workingMs === 0) return fromMs;
  let left = workingMs;
  // `<=` so that work ending exactly at a period's end returns that end (17:00), not next morning.
  for (const [start, end] of forward(fromMs, compileForCounting(cal))) {
    if (left <= end - start) return start + left;
    left -= end - start;
  }
  throw new Error('unreachable: working intervals never run out');
}

export function subtractWorkingMs(fromMs: number, workingMs: number, cal: WorkingCalendar): number {
  assertInstant(fromMs);
  assertAmount(workingMs);
  if (workingMs === 0) return fromMs;
  let left = workingMs;
  for (const [start, end] of backward(fromMs, compileForCounting(cal))) {
    if (left <= end - start) return end - left;
    left -= end - start;
  }
  throw new Error('unreachable: working intervals never run out');
}

export function workingMsBetween(fromMs: number, toMs: number, cal: WorkingCalendar): number {
  assertInstant(fromMs);
  assertInstant(toMs);
  if (toMs <= fromMs) return 0;
  const compiled = compileForCounting(cal);
  // Day by day without the interval generator: pages count a hundred deadlines, some months late, per view.
  let total = 0;
  for (let day = Math.floor((fromMs + OFFSET) / DAY); day <= Math.floor((toMs + OFFSET) / DAY); day++) {
    if (!isWorkingDayIndex(day, compiled)) continue;
    const midnight = day * DAY - OFFSET;
    for (const [start, end] of compiled.periods)
      total += Math.max(0, Math.min(midnight + end, toMs) - Math.max(midnight + start, fromMs));
  }
  return total;
}

export function durationMs(duration: Duration, cal: WorkingCalendar): number {
  assertAmount(duration.amount);
  switch (duration.unit) {
    case 'working_days':
      return Math.round(duration.amount * workingMsPerDay(cal));
    case 'working_hours':
      return Math.round(duration.amount * HOUR);
    case 'seconds':
    case 'minutes':
    case 'hours':
    case 'calendar_days':
      return Math.round(duration.amount * elapsedUnitMs[duration.unit]);
    default:
      throw new Error(`unknown duration unit "${String((duration as Duration).unit)}"`);
  }
}

export function addDuration(fromMs: number, duration: Duration, cal: WorkingCalendar): number {
  const ms = durationMs(duration, cal);
  return isWorkingUnit(duration) ? addWorkingMs(fromMs, ms, cal) : assertInstant(fromMs) + ms;
}

export interface AlarmPolicy {
  reminders: Duration[];
  reminderFractions: number[];
  escalationDelays: Duration[];
}
export interface AlarmPlan {
  deadlineAt: number;
  remindAt: number[];
  escalateAt: number[];
}

export function planAlarms(startMs: number, deadlineAt: number, policy: AlarmPolicy, cal: WorkingCalendar): AlarmPlan {
  assertInstant(startMs);
  assertInstant(deadlineAt);
  // Bad input, not a passing fault: a refusal, so the activity that plans it fails at once (never retried).
  if (deadlineAt < startMs)
    refuse('Invalid', 'invalid_argument', 'deadline must not be before the start', 'deadlineAt');
  const window = workingMsBetween(startMs, deadlineAt, cal);
  const byOffset = policy.reminders.map((offset) =>
    isWorkingUnit(offset)
      ? subtractWorkingMs(deadlineAt, durationMs(offset, cal), cal)
      : deadlineAt - durationMs(offset, cal),
  );
  const byFraction = policy.reminderFractions.map((fraction) => {
    if (!(fraction >= 0 && fraction <= 1)) throw new Error(`reminder fraction must be within [0, 1]: ${fraction}`);
    return addWorkingMs(startMs, Math.round(fraction * window), cal);
  });
  const remindAt = [...new Set([...byOffset, ...byFraction])]
    .filter((at) => at > startMs && at < deadlineAt)
    .sort((a, b) => a - b);
  const escalateAt: number[] = [];
  let previous = deadlineAt;
  for (const delay of policy.escalationDelays) {
    previous = addDuration(previous, delay, cal);
    escalateAt.push(previous);
  }
  return { deadlineAt, remindAt, escalateAt };
}

// ---- internals ----

/** Working intervals [start, end) in epoch ms that end after `fromMs`, oldest first, clipped at `fromMs`. */
function* forward(fromMs: number, cal: Compiled): Generator<[number, number]> {
  for (let day = Math.floor((fromMs + OFFSET) / DAY); ; day++) {
    if (!isWorkingDayIndex(day, cal)) continue;
    const midnight = day * DAY - OFFSET;
    for (const [start, end] of cal.periods) {
      if (midnight + end > fromMs) yield [Math.max(midnight + start, fromMs), midnight + end];
    }
  }
}

/** The mirror of `forward`: intervals that start before `fromMs`, newest first, clipped at `fromMs`. */
function* backward(fromMs: number, cal: Compiled): Generator<[number, number]> {
  for (let day = Math.floor((fromMs + OFFSET) / DAY); ; day--) {
    if (!isWorkingDayIndex(day, cal)) continue;
    const midnight = day * DAY - OFFSET;
    for (const [start, end] of [...cal.periods].reverse()) {
      if (midnight + start < fromMs) yield [midnight + start, Math.min(midnight + end, fromMs)];
    }
  }
}

function isWorkingDayIndex(day: number, cal: Compiled): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday >= 1 && weekday <= 5;
}

function isWorkingUnit(duration: Duration): boolean {
  return duration.unit === 'working_hours' || duration.unit === 'working_days';
}

// A WorkingCalendar is a value nobody mutates, so its compiled form is kept beside it: a page that
// counts a hundred deadlines against one calendar compiles it once.
const compiledCalendars = new WeakMap<WorkingCalendar, Compiled>();

function compile(cal: WorkingCalendar): Compiled {
  let compiled = compiledCalendars.get(cal);
  if (!compiled) {
    compiled = compileNow(cal);
    compiledCalendars.set(cal, compiled);
  }
  return compiled;
}

function compileNow(cal: WorkingCalendar): Compiled {
  const periods = cal.officeHours.map((p): [number, number] => [parseClock(p.start), parseClock(p.end)]);
  periods.forEach(([start, end], i) => {
    if (start >= end || (i > 0 && start < periods[i - 1][1])) {
      throw new Error(
        `office hours must be sorted, non-empty, non-overlapping periods: ${JSON.stringify(cal.officeHours)}`,
      );
    }
  });
  return { holidays: new Set(cal.holidays.map(parseDay)), workdays: new Set(cal.workdays.map(parseDay)), periods };
}

/** Counting needs at least one office period, otherwise the interval generators would never yield. */
function compileForCounting(cal: WorkingCalendar): Compiled {
  const compiled = compile(cal);
  if (compiled.periods.length === 0) throw new Error('the working calendar has no office hours');
  return compiled;
}

function parseClock(text: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/.exec(text);
  if (!match) throw new Error(`invalid office time "${text}": expected HH:MM`);
  return match[1] === undefined ? DAY : Number(match[1]) * HOUR + Number(match[2]) * MINUTE;
}

function parseDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY : NaN;
  // The round trip rejects dates such as 2026-02-30 that Date.UTC would silently roll over.
  if (!Number.isInteger(day) || dayString(day) !== text)
    throw new Error(`invalid local date "${text}": expected YYYY-MM-DD`);
  return day;
}

function dayString(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function assertInstant(ms: number): number {
  if (!Number.isFinite(ms)) refuse('Invalid', 'invalid_argument', `invalid instant: ${ms}`, 'instant');
  return ms;
}

function assertAmount(amount: number): void {
  if (!Number.isFinite(amount) || amount < 0)
    refuse('Invalid', 'invalid_argument', `amount must be a finite number >= 0: ${amount}`, 'amount');
}
