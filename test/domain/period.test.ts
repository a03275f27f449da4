import { describe, expect, it } from 'vitest';
import { hcmDayStart, hcmToday, parseBound, periodDays, resolvePeriod } from '../../domain/period';

describe('reporting periods', () => {
  it('when a day is given, then it means that day in Ho Chi Minh City, the end bound including the whole day', () => {
    expect(parseBound('2026-03-01', 'from')?.toISOString()).toBe('2026-02-28T17:00:00.000Z');
    expect(parseBound('2026-03-01', 'to')?.toISOString()).toBe('2026-03-01T17:00:00.000Z');
  });

  it('when an instant with an offset is given, then it is taken as is; anything else is refused', () => {
    expect(parseBound('2026-03-01T08:30:00+07:00', 'from')?.toISOString()).toBe('2026-03-01T01:30:00.000Z');
    for (const bad of [
      '2026-02-30',
      '2026-13-01',
      '2026-03-01T08:30:00',
      'yesterday',
      '',
      '2026-3-1',
      "2026-03-01' OR 1=1",
    ])
      expect(parseBound(bad, 'from')).toBeNull();
    expect(hcmDayStart('2024-02-29')).not.toBeNull();
    expect(hcmDayStart('2026-02-29')).toBeNull();
  });

  it('when bounds are missing, then the period ends with today (Ho Chi Minh City) and spans the default days', () => {
    const now = Date.parse('2026-03-10T18:30:00Z'); // already 11 March in Ho Chi Minh City
    expect(hcmToday(now).toISOString()).toBe('2026-03-10T17:00:00.000Z');
    const period = resolvePeriod(undefined, undefined, now, 30);
    expect(period.to.toISOString()).toBe('2026-03-11T17:00:00.000Z');
    expect(periodDays(period)).toBe(30);
    const from = new Date('2026-01-01T00:00:00Z');
    expect(resolvePeriod(from, undefined, now, 30).from).toBe(from);
  });
});
