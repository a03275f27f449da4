// Quiet hours in Ho Chi Minh City local time (UTC+07:00), including windows across midnight.
import { describe, expect, it } from 'vitest';
import { parseQuietHours, sendableAt } from '../../domain/quietHours';

const local = (iso: string) => Date.parse(`${iso}+07:00`);

describe('quiet hours', () => {
  const night = parseQuietHours('21:00-07:00');

  it('when a message falls inside a window across midnight, then it waits until the morning', () => {
    expect(sendableAt(local('2026-11-30T22:15:00'), night)).toBe(local('2026-12-01T07:00:00'));
    expect(sendableAt(local('2026-12-01T03:00:00'), night)).toBe(local('2026-12-01T07:00:00'));
  });

  it('when a message falls outside the window or there is none, then it goes at once', () => {
    expect(sendableAt(local('2026-11-30T07:00:00'), night)).toBe(local('2026-11-30T07:00:00'));
    expect(sendableAt(local('2026-11-30T20:59:00'), night)).toBe(local('2026-11-30T20:59:00'));
    expect(sendableAt(local('2026-11-30T23:00:00'), parseQuietHours(''))).toBe(local('2026-11-30T23:00:00'));
  });

  it('when the window lies within one day, then its end is the same day', () => {
    expect(sendableAt(local('2026-11-30T12:10:00'), parseQuietHours('11:30-13:00'))).toBe(local('2026-11-30T13:00:00'));
  });

  it('when the setting is malformed, then parsing says so', () => {
    expect(() => parseQuietHours('21h-7h')).toThrow(/HH:MM/);
    expect(() => parseQuietHours('07:00-07:00')).toThrow(/empty/);
  });
});
