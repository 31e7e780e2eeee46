import { describe, expect, it } from 'vitest';
import { dateFormatProblem, parseDate, toIsoDate, toIsoInstant } from './date-format.ts';

const at = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second,
});

describe('parseDate', () => {
  it('reads day-first dates with a time', () => {
    expect(parseDate('14/03/2024 09:30', 'DD/MM/YYYY HH:mm')).toEqual(at(2024, 3, 14, 9, 30));
    expect(parseDate('2024-03-14T09:30:15', 'YYYY-MM-DD[T]HH:mm:ss')).toEqual(at(2024, 3, 14, 9, 30, 15));
    expect(parseDate('20240314', 'YYYYMMDD')).toEqual(at(2024, 3, 14));
  });

  it('accepts the leap day only in leap years', () => {
    expect(parseDate('29/02/2024', 'DD/MM/YYYY')).toEqual(at(2024, 2, 29));
    expect(parseDate('29/02/2000', 'DD/MM/YYYY')).toEqual(at(2000, 2, 29));
    expect(parseDate('29/02/2023', 'DD/MM/YYYY')).toBeUndefined();
    expect(parseDate('29/02/1900', 'DD/MM/YYYY')).toBeUndefined();
  });

  it('refuses impossible dates and times', () => {
    for (const value of ['31/02/2024', '31/04/2024', '00/01/2024', '01/13/2024', '01/00/2024']) {
      expect(parseDate(value, 'DD/MM/YYYY'), value).toBeUndefined();
    }
    expect(parseDate('01/01/2024 24:00', 'DD/MM/YYYY HH:mm')).toBeUndefined();
    expect(parseDate('01/01/2024 23:60', 'DD/MM/YYYY HH:mm')).toBeUndefined();
    expect(parseDate('01/01/2024 23:59:60', 'DD/MM/YYYY HH:mm:ss')).toBeUndefined();
  });

  it('refuses two-digit years, missing padding, other separators and trailing garbage', () => {
    expect(parseDate('01/02/24', 'DD/MM/YYYY')).toBeUndefined();
    expect(parseDate('1/2/2024', 'DD/MM/YYYY')).toBeUndefined();
    expect(parseDate('01-02-2024', 'DD/MM/YYYY')).toBeUndefined();
    expect(parseDate('01/02/2024x', 'DD/MM/YYYY')).toBeUndefined();
    expect(parseDate('01/02/2024 10:00', 'DD/MM/YYYY')).toBeUndefined();
    expect(parseDate(' 01/02/2024', 'DD/MM/YYYY')).toBeUndefined();
    expect(parseDate('٠١/٠٢/٢٠٢٤', 'DD/MM/YYYY')).toBeUndefined();
  });

  it('reads unpadded days, months and hours with D, M and H', () => {
    expect(parseDate('1/2/2024 7:05', 'D/M/YYYY H:mm')).toEqual(at(2024, 2, 1, 7, 5));
    expect(parseDate('11/12/2024', 'D/M/YYYY')).toEqual(at(2024, 12, 11));
    expect(parseDate('111/2/2024', 'D/M/YYYY')).toBeUndefined();
  });

  it('treats regex characters in the format as literals', () => {
    expect(parseDate('2024.03.14', 'YYYY.MM.DD')).toEqual(at(2024, 3, 14));
    expect(parseDate('2024x03x14', 'YYYY.MM.DD')).toBeUndefined();
  });

  it('throws for a format a validated mapping cannot hold', () => {
    expect(() => parseDate('01/02/24', 'DD/MM/YY')).toThrow(/invalid date format/);
  });
});

describe('dateFormatProblem', () => {
  it.each([
    ['DD/MM/YYYY', undefined],
    ['YYYY-MM-DD[T]HH:mm:ss', undefined],
    ['DD/MM/YY', 'two-digit years are not supported: use YYYY'],
    ['dd/MM/yyyy', 'unknown token "d" at position 0: use YYYY, MM, DD, HH, mm, ss (literal letters go in [brackets])'],
    ['MM/YYYY', 'a date format needs YYYY, MM (or M) and DD (or D)'],
    ['DD/MM/YYYY mm', 'mm needs HH'],
    ['DD/MM/YYYY HH:ss', 'ss needs mm'],
    ['DD/MM/YYYY DD', 'day appears twice'],
    ['DD/M/YYYY/MM', 'month appears twice'],
    ['DMYYYY', 'a one-or-two-digit token (M, D, H) must be followed by a separator'],
    ['YYYY-MM-DD[T', 'unclosed [ in format'],
  ])('%s', (format, problem) => {
    expect(dateFormatProblem(format)).toBe(problem);
  });
});

describe('ISO output', () => {
  it('writes calendar dates and drops the time', () => {
    expect(toIsoDate(at(1988, 2, 29, 23, 59))).toBe('1988-02-29');
    expect(toIsoDate(at(987, 1, 5))).toBe('0987-01-05');
  });

  it('writes instants in UTC, applying a fixed offset', () => {
    expect(toIsoInstant(at(2024, 3, 14, 9, 30))).toBe('2024-03-14T09:30:00.000Z');
    expect(toIsoInstant(at(2024, 3, 14, 9, 30), '+01:00')).toBe('2024-03-14T08:30:00.000Z');
    expect(toIsoInstant(at(2024, 1, 1, 0, 15), '+05:30')).toBe('2023-12-31T18:45:00.000Z');
    expect(toIsoInstant(at(2024, 2, 28, 22, 0), '-05:00')).toBe('2024-02-29T03:00:00.000Z');
  });

  it('keeps years below 100 as written', () => {
    expect(toIsoInstant(at(50, 6, 1))).toBe('0050-06-01T00:00:00.000Z');
  });

  it('refuses an invalid offset', () => {
    expect(() => toIsoInstant(at(2024, 1, 1), '+1')).toThrow();
  });
});
