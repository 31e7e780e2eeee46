import { describe, expect, it } from 'vitest';
import { countryCode, decimalString, instantWithOffset, isoDate, namesOf, present } from './field-parsers.ts';

const field = ['payload', 'When'];

describe('countryCode', () => {
  it.each([
    ['GB', 'GB'],
    ['gb', 'GB'],
    ['United Kingdom', 'GB'],
    ['UK', 'GB'],
    ['  united   states ', 'US'],
    ['USA', 'US'],
    ['Germany', 'DE'],
    ['Deutschland', 'DE'],
  ])('maps %j to %s', (input, code) => expect(countryCode(input)).toBe(code));

  it.each(['Atlantis', 'XX', 'EU', 'DD', '', null, undefined])('leaves %j undefined', (input) =>
    expect(countryCode(input)).toBeUndefined(),
  );
});

describe('instantWithOffset', () => {
  it('joins a local time and its offset, normalizing the offset to +HH:MM', () => {
    expect(instantWithOffset('2024-04-02 09:41:07', '+01:00', field)).toBe('2024-04-02T09:41:07+01:00');
    expect(instantWithOffset('2024-03-05T14:22:10.000', '+0000', field)).toBe('2024-03-05T14:22:10.000+00:00');
    expect(instantWithOffset('2024-02-29 23:59:59', 'Z', field)).toBe('2024-02-29T23:59:59Z');
  });

  it.each([
    ['2023-02-29 10:00:00', 'Z'],
    ['2024-04-31 10:00:00', 'Z'],
    ['2024-04-01 24:00:00', 'Z'],
    ['2024-04-01 10:60:00', 'Z'],
    ['2024-04-01 10:00', 'Z'],
    ['2024-04-01 10:00:00', '+15:00'],
    ['2024-04-01 10:00:00', 'CET'],
  ])('rejects %s %s with a client-safe error naming the field', (dateTime, offset) => {
    expect(() => instantWithOffset(dateTime, offset, field)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', clientMessage: 'payload.When is not a valid date', field }),
    );
  });
});

describe('isoDate', () => {
  it('accepts a real day and rejects an impossible one', () => {
    expect(isoDate('2000-02-29', field)).toBe('2000-02-29');
    expect(() => isoDate('1900-02-29', field)).toThrow('impossible date');
    expect(() => isoDate('0000-01-01', field)).toThrow('impossible date');
  });
});

describe('small helpers', () => {
  it('keeps only name parts that are present, and no entry without any', () => {
    expect(namesOf({ given: ' Ada ', middle: '', family: null })).toEqual([{ given: 'Ada' }]);
    expect(namesOf({ full: '  ' })).toEqual([]);
  });

  it('trims and de-duplicates exact repeats only', () => {
    expect(present(' a@example.com', 'a@example.com', 'A@example.com', null, '')).toEqual([
      'a@example.com',
      'A@example.com',
    ]);
  });

  it('reads decimal strings and rejects thousands separators and exponents', () => {
    expect(decimalString.parse('1249.50')).toBe(1249.5);
    expect(decimalString.safeParse('1,249.50').success).toBe(false);
    expect(decimalString.safeParse('1e3').success).toBe(false);
  });
});
