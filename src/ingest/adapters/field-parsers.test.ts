import { describe, expect, it } from 'vitest';
import type { FieldProblem } from '../data-quality.ts';
import { countryCode, countryOf, dateOfBirthOf, decimalString, emailOf, emailsOf, instantWithOffset, isoDate, namesOf, phoneOf, phonesOf, present } from './field-parsers.ts';

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

describe('parsers that answer a value or a field problem', () => {
  const at = ['payload', 'DOB'];

  it('read a date of birth, or say why it is no date, keeping the raw value and never quoting it in the reason', () => {
    expect(dateOfBirthOf(' 1984-02-29 ', at)).toEqual({ ok: true, value: '1984-02-29' });
    expect(dateOfBirthOf('  ', at)).toEqual({ ok: true, value: undefined });
    expect(dateOfBirthOf(null, at)).toEqual({ ok: true, value: undefined });
    expect(dateOfBirthOf('19081309', at)).toEqual({ ok: false, problem: { field: at, code: 'INVALID_DATE', reason: 'is not a date as YYYY-MM-DD', raw: '19081309' } });
    expect(dateOfBirthOf('1985-02-30', at)).toEqual({ ok: false, problem: { field: at, code: 'INVALID_DATE', reason: 'is not a day of the calendar', raw: '1985-02-30' } });
    expect(dateOfBirthOf('0000-01-01', at)).toMatchObject({ ok: false, problem: { code: 'INVALID_DATE' } });
  });

  it('read a country, or say that it is none', () => {
    expect(countryOf('United Kingdom', at)).toEqual({ ok: true, value: 'GB' });
    expect(countryOf('', at)).toEqual({ ok: true, value: undefined });
    for (const value of ['Atlantis', 'XX', 'EU']) expect(countryOf(value, at)).toMatchObject({ ok: false, problem: { code: 'INVALID_COUNTRY', raw: value } });
  });

  it('keep an e-mail address as sent, refusing what is no address', () => {
    expect(emailOf(' Jo@Example.com ', at)).toEqual({ ok: true, value: 'Jo@Example.com' });
    for (const value of ['jo at example.com', 'jo@', '@example.com', 'jo@localhost']) expect(emailOf(value, at)).toMatchObject({ ok: false, problem: { code: 'INVALID_EMAIL', raw: value } });
  });

  it('keep a phone number of a possible length, refusing what is no number, and cannot judge a national one without a country', () => {
    expect(phoneOf('020 7946 0018', at, 'GB')).toEqual({ ok: true, value: '020 7946 0018' });
    // A drama-range number: possible, not valid. Kept; it only makes no identifier.
    expect(phoneOf('07700 900123', at, 'GB')).toEqual({ ok: true, value: '07700 900123' });
    expect(phoneOf('020 7946 0018', at, undefined)).toEqual({ ok: true, value: '020 7946 0018' });
    for (const value of ['n/a', '12', '0800 CALL ME NOW']) expect(phoneOf(value, at, 'GB')).toMatchObject({ ok: false, problem: { code: 'INVALID_PHONE', raw: value } });
    expect(phoneOf('+44 12', at, undefined)).toMatchObject({ ok: false, problem: { code: 'INVALID_PHONE' } });
  });

  it('collect the good values of several fields in order and note each bad one at its path', () => {
    const problems: FieldProblem[] = [];
    expect(emailsOf(problems, { email: 'a@example.com', 'customer.email': 'not-an-email', alt: 'a@example.com' })).toEqual(['a@example.com']);
    expect(phonesOf(problems, 'GB', { phone: 'none', 'billing.phone': '020 7946 0018' })).toEqual(['020 7946 0018']);
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      [['payload', 'customer', 'email'], 'INVALID_EMAIL'],
      [['payload', 'phone'], 'INVALID_PHONE'],
    ]);
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
