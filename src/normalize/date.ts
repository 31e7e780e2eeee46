import { foldText } from './text.ts';

/** The order of day, month and year in an all-numeric date. */
export type DateOrder = 'DMY' | 'MDY' | 'YMD';

const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan', 'januar', 'janvier'],
  ['february', 'feb', 'februar', 'fevrier', 'fev'],
  ['march', 'mar', 'marz', 'mrz', 'mars'],
  ['april', 'apr', 'avril', 'avr'],
  ['may', 'mai'],
  ['june', 'jun', 'juni', 'juin'],
  ['july', 'jul', 'juli', 'juillet', 'juil'],
  ['august', 'aug', 'aout'],
  ['september', 'sep', 'sept', 'septembre'],
  ['october', 'oct', 'oktober', 'okt', 'octobre'],
  ['november', 'nov', 'novembre'],
  ['december', 'dec', 'dezember', 'dez', 'decembre'],
];
const MONTHS = new Map(MONTH_NAMES.flatMap((names, i) => names.map((name) => [name, i + 1] as const)));

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t\s].*)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const YEAR = /^\d{4}$/;
const DAY = /^(\d{1,2})(?:st|nd|rd|th|er|e)?$/;

const pad = (value: number): string => String(value).padStart(2, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The date as YYYY-MM-DD when it exists, is not before 1900 and not after `today`. */
function calendarDate(year: number, month: number, day: number, today: string): string | null {
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  return iso <= today ? iso : null;
}

/** 'D Month YYYY', 'Month D, YYYY', 'YYYY Month D', in any order with a month name. */
function withMonthName(text: string, today: string): string | null {
  const tokens = text.split(/[\s,./-]+/).filter((token) => token.length > 0);
  if (tokens.length !== 3) return null;
  const monthAt = tokens.findIndex((token) => MONTHS.has(token));
  const yearAt = tokens.findIndex((token) => YEAR.test(token));
  if (monthAt < 0 || yearAt < 0) return null;
  const day = DAY.exec(tokens[3 - monthAt - yearAt] ?? '');
  if (!day) return null;
  return calendarDate(Number(tokens[yearAt]), MONTHS.get(tokens[monthAt]!)!, Number(day[1]), today);
}

/**
 * A date, as from a date of birth field, written as YYYY-MM-DD, or null when it is not a
 * date that can be one: impossible (31/02, 29/02 outside leap years), before 1900 or after
 * `now`. Reads ISO dates (a time after them is ignored), YYYYMMDD, day and month names
 * in English, German or French ('5 March 1990', 'March 5th, 1990', '5. März 1990') and
 * all-numeric dates in the order `hint` gives. Without a hint an all-numeric date is read
 * only when its order cannot matter: a part above 12 shows which is the day, and equal
 * parts read the same either way; '03/04/1990' is null ('YMD' only says what year-first
 * dates say anyway). Two-digit years are refused: a birth year's century cannot be told
 * from them.
 * @example normalizeDate('31/12/1990') // '1990-12-31'
 * @example normalizeDate('03/04/1990', 'MDY') // '1990-03-04'
 * @example normalizeDate('29/02/1991', 'DMY') // null
 */
export function normalizeDate(raw: string, hint?: DateOrder, now: Date = new Date()): string | null {
  const text = foldText(raw).trim();
  const today = now.toISOString().slice(0, 10);
  const iso = ISO.exec(text) ?? COMPACT.exec(text);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), today);
  const numeric = NUMERIC.exec(text);
  if (!numeric) return withMonthName(text, today);
  const [first, second, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
  const dmy = calendarDate(year, second, first, today);
  const mdy = calendarDate(year, first, second, today);
  if (hint === 'DMY') return dmy;
  if (hint === 'MDY') return mdy;
  if (dmy !== null && mdy !== null && dmy !== mdy) return null;
  return dmy ?? mdy;
}

/**
 * The year of a YYYY-MM-DD date, or null when there is none.
 * @example birthYear('1990-12-31') // 1990
 */
export function birthYear(dob: string | null | undefined): number | null {
  const year = /^(\d{4})-\d{2}-\d{2}$/.exec(dob ?? '');
  return year ? Number(year[1]) : null;
}
