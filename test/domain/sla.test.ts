// parseDuration is strict on purpose: a typo in a rule set must fail when the rules load.
import { describe, expect, test } from 'vitest';
import { formatDuration, parseDuration } from '../../domain/sla';

describe('parseDuration', () => {
  test('when the text is "8 working_hours", then it reads 8 of working_hours', () => {
    expect(parseDuration('8 working_hours')).toEqual({ amount: 8, unit: 'working_hours' });
  });

  test('when the amount is fractional and the text padded, then it is accepted', () => {
    expect(parseDuration('1.5 hours')).toEqual({ amount: 1.5, unit: 'hours' });
    expect(parseDuration('  10 calendar_days ')).toEqual({ amount: 10, unit: 'calendar_days' });
  });

  test.each(['8 workinghours', '-1 hours', '', '5', 'hours', '1,5 hours', '8 Working_Hours', '8 working_hours extra'])(
    'when the text is "%s", then it throws',
    (text) => {
      expect(() => parseDuration(text)).toThrow(/invalid duration/);
    },
  );

  test('when a duration is formatted, then parsing it gives it back', () => {
    const duration = { amount: 1.5, unit: 'working_days' } as const;
    expect(parseDuration(formatDuration(duration))).toEqual(duration);
  });
});
