import { describe, expect, it } from 'vitest';
import { birthYear, normalizeDate, type DateOrder } from './date.ts';

const NOW = new Date('2026-06-15T12:00:00Z');

describe('normalizeDate', () => {
  it.each<[string, DateOrder | undefined, string]>([
    ['1990-12-31', undefined, '1990-12-31'],
    [' 1990-1-5 ', undefined, '1990-01-05'],
    ['1990/12/31', undefined, '1990-12-31'],
    ['1990.12.31', undefined, '1990-12-31'],
    ['1990-12-31T23:59:59Z', undefined, '1990-12-31'],
    ['1990-12-31 08:00', undefined, '1990-12-31'],
    ['19901231', undefined, '1990-12-31'],
    ['31/12/1990', undefined, '1990-12-31'],
    ['12/31/1990', undefined, '1990-12-31'],
    ['31.12.1990', undefined, '1990-12-31'],
    ['31-12-1990', undefined, '1990-12-31'],
    ['05/05/1990', undefined, '1990-05-05'],
    ['03/04/1990', 'DMY', '1990-04-03'],
    ['03/04/1990', 'MDY', '1990-03-04'],
    ['3/4/1990', 'DMY', '1990-04-03'],
    ['29/02/2000', 'DMY', '2000-02-29'],
    ['02/29/2024', 'MDY', '2024-02-29'],
    ['5 March 1990', undefined, '1990-03-05'],
    ['5th March 1990', undefined, '1990-03-05'],
    ['05-Mar-1990', undefined, '1990-03-05'],
    ['March 5, 1990', undefined, '1990-03-05'],
    ['March 5th, 1990', undefined, '1990-03-05'],
    ['Sept 21 1985', undefined, '1985-09-21'],
    ['DECEMBER 1, 1900', undefined, '1900-12-01'],
    ['1990 Mar 5', undefined, '1990-03-05'],
    ['5. März 1990', undefined, '1990-03-05'],
    ['1er mars 1990', undefined, '1990-03-01'],
    ['14 juillet 1989', undefined, '1989-07-14'],
    ['15 août 1969', undefined, '1969-08-15'],
    ['2026-06-15', undefined, '2026-06-15'],
  ])('%j (%s) -> %s', (raw, hint, expected) => {
    expect(normalizeDate(raw, hint, NOW)).toBe(expected);
  });

  it.each<[string, DateOrder | undefined]>([
    ['1990-02-31', undefined],
    ['31/02/1990', 'DMY'],
    ['31/02/1990', undefined],
    ['29/02/1991', 'DMY'],
    ['29/02/1900', 'DMY'],
    ['1990-13-01', undefined],
    ['1990-00-10', undefined],
    ['1990-04-31', undefined],
    ['0 March 1990', undefined],
    ['31 April 1990', undefined],
    ['February 30, 2000', undefined],
    ['19902131', undefined],
    ['03/04/1990', undefined],
    ['13/04/1990', 'MDY'],
    ['04/13/1990', 'DMY'],
    ['1899-12-31', undefined],
    ['2026-06-16', undefined],
    ['2090-01-01', undefined],
    ['31/12/90', 'DMY'],
    ['', undefined],
    ['unknown', undefined],
    ['March 1990', undefined],
    ['5 Smarch 1990', undefined],
    ['5 March 1990 12', undefined],
  ])('refuses %j (%s)', (raw, hint) => {
    expect(normalizeDate(raw, hint, NOW)).toBeNull();
  });

  it('reads against the clock when no date is given', () => {
    expect(normalizeDate('1990-12-31')).toBe('1990-12-31');
    expect(normalizeDate(`${new Date().getUTCFullYear() + 1}-01-01`)).toBeNull();
  });
});

describe('birthYear', () => {
  it.each<[string | null | undefined, number | null]>([
    ['1990-12-31', 1990],
    ['1900-01-01', 1900],
    ['1990', null],
    ['31/12/1990', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j -> %j', (dob, expected) => {
    expect(birthYear(dob)).toBe(expected);
  });
});
