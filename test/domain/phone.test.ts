// Vietnamese mobile numbers become E.164; anything else is refused.
import { describe, expect, it } from 'vitest';
import { e164ToNational, toE164Vietnam } from '../../domain/phone';

describe('toE164Vietnam', () => {
  it.each([
    ['0901234567', '+84901234567'],
    ['090 123 4567', '+84901234567'],
    ['+84 90-123-4567', '+84901234567'],
    ['+84.37.123.4567', '+84371234567'],
    [' 0581234567 ', '+84581234567'],
    ['0781234567', '+84781234567'],
    ['0881234567', '+84881234567'],
  ])('when given %j, then returns %s', (raw, e164) => {
    expect(toE164Vietnam(raw)).toBe(e164);
  });

  it.each([
    '',
    '090123456',
    '09012345678',
    '0281234567',
    '0123456789',
    '84901234567',
    '+8490123456',
    '+1 415 555 0100',
    '09O1234567',
    '(090) 123 4567',
  ])('when given %j, then returns null', (raw) => {
    expect(toE164Vietnam(raw)).toBeNull();
  });

  it('when converting back, then gives the national 0-prefixed form', () => {
    expect(e164ToNational('+84901234567')).toBe('0901234567');
    expect(() => e164ToNational('+14155550100')).toThrow();
  });
});
