// A reporting period from what people type: calendar days in Asia/Ho_Chi_Minh ('2026-03-01'),
// where `to` includes its whole day, or instants with an offset. Half-open [from, to) in the end.
const hcmOffsetMs = 7 * 3_600_000;
const dayMs = 86_400_000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface Period {
  from: Date;
  to: Date;
}

/** Midnight in Ho Chi Minh City of a 'YYYY-MM-DD' day, or null when it is not a real date. */
export function hcmDayStart(day: string): Date | null {
  const match = datePattern.exec(day);
  if (!match) return null;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const check = new Date(0);
  check.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const utc = check.getTime();
  if (
    check.getUTCFullYear() !== Number(match[1]) ||
    check.getUTCMonth() !== Number(match[2]) - 1 ||
    check.getUTCDate() !== Number(match[3])
  )
    return null;
  return new Date(utc - hcmOffsetMs);
}

/** Parses a bound; a day as `to` means the end of that day. */
export function parseBound(text: string, bound: 'from' | 'to'): Date | null {
  const day = hcmDayStart(text);
  if (day) return bound === 'to' ? new Date(day.getTime() + dayMs) : day;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** The start of the Ho Chi Minh City day holding `now`. */
export function hcmToday(now: number): Date {
  return new Date(Math.floor((now + hcmOffsetMs) / dayMs) * dayMs - hcmOffsetMs);
}

/**
 * The period [from, to): either bound may be omitted — `to` defaults to the end of today,
 * `from` to `defaultDays` days before `to`.
 */
export function resolvePeriod(from: Date | undefined, to: Date | undefined, now: number, defaultDays: number): Period {
  const end = to ?? new Date(hcmToday(now).getTime() + dayMs);
  const start = from ?? new Date(end.getTime() - defaultDays * dayMs);
  return { from: start, to: end };
}

export const periodDays = (period: Period): number => (period.to.getTime() - period.from.getTime()) / dayMs;
