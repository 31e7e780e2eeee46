/**
 * A strict parser for the date formats a mapping declares ("DD/MM/YYYY HH:mm").
 *
 * Written here rather than taken from a library: date-fns' `parse` needs its own token
 * dialect (yyyy, not YYYY, which there means the week year), builds local-time Dates
 * that need a second library for a fixed offset, and accepts one-digit days for `dd`.
 * The whole job is one anchored regular expression and a calendar check.
 *
 * Tokens: YYYY (four digits), MM / DD / HH / mm / ss (two digits), M / D / H (one or
 * two digits, for spreadsheet exports that drop leading zeros). Letters in [brackets]
 * are literal (YYYY-MM-DD[T]HH:mm); any other letter is refused so that a typo such
 * as "yyyy" or a two-digit "YY" fails when the mapping is saved, not on every row.
 */

export type DateParts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

type Unit = keyof DateParts;
type Token = { text: string; unit: Unit; digits: string; variable: boolean };

const tokens: readonly Token[] = [
  { text: 'YYYY', unit: 'year', digits: '\\d{4}', variable: false },
  { text: 'MM', unit: 'month', digits: '\\d{2}', variable: false },
  { text: 'DD', unit: 'day', digits: '\\d{2}', variable: false },
  { text: 'HH', unit: 'hour', digits: '\\d{2}', variable: false },
  { text: 'mm', unit: 'minute', digits: '\\d{2}', variable: false },
  { text: 'ss', unit: 'second', digits: '\\d{2}', variable: false },
  { text: 'M', unit: 'month', digits: '\\d{1,2}', variable: true },
  { text: 'D', unit: 'day', digits: '\\d{1,2}', variable: true },
  { text: 'H', unit: 'hour', digits: '\\d{1,2}', variable: true },
];

type Compiled = { regex: RegExp; units: Unit[] };
type CompileResult = { ok: true; compiled: Compiled } | { ok: false; problem: string };

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function compile(format: string): CompileResult {
  const fail = (problem: string): CompileResult => ({ ok: false, problem });
  let pattern = '';
  const units: Unit[] = [];
  let previousVariable = false;
  for (let i = 0; i < format.length; ) {
    const rest = format.slice(i);
    const token = tokens.find((candidate) => rest.startsWith(candidate.text));
    if (token !== undefined) {
      if (units.includes(token.unit)) return fail(`${token.unit} appears twice`);
      // "DMYYYY" cannot be split unambiguously: a one-or-two-digit token needs a separator.
      if (previousVariable) return fail('a one-or-two-digit token (M, D, H) must be followed by a separator');
      units.push(token.unit);
      pattern += `(${token.digits})`;
      previousVariable = token.variable;
      i += token.text.length;
      continue;
    }
    previousVariable = false;
    if (rest.startsWith('YY')) return fail('two-digit years are not supported: use YYYY');
    if (rest.startsWith('[')) {
      const end = format.indexOf(']', i);
      if (end < 0) return fail('unclosed [ in format');
      pattern += escape(format.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    const char = rest[0] ?? '';
    if (/[A-Za-z]/.test(char)) {
      return fail(`unknown token "${char}" at position ${i}: use YYYY, MM, DD, HH, mm, ss (literal letters go in [brackets])`);
    }
    pattern += escape(char);
    i += 1;
  }
  for (const unit of ['year', 'month', 'day'] as const) {
    if (!units.includes(unit)) return fail('a date format needs YYYY, MM (or M) and DD (or D)');
  }
  if (units.includes('minute') && !units.includes('hour')) return fail('mm needs HH');
  if (units.includes('second') && !units.includes('minute')) return fail('ss needs mm');
  return { ok: true, compiled: { regex: new RegExp(`^${pattern}$`), units } };
}

// A mapping parses the same format for every row of a file: compile each once.
const cache = new Map<string, CompileResult>();
const compiled = (format: string): CompileResult => {
  let result = cache.get(format);
  if (result === undefined) {
    result = compile(format);
    cache.set(format, result);
  }
  return result;
};

/** Why a format is unusable, or undefined when it is fine. Used to validate a mapping. */
export const dateFormatProblem = (format: string): string | undefined => {
  const result = compiled(format);
  return result.ok ? undefined : result.problem;
};

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/**
 * Parses `value` in `format`, or returns undefined when it does not match exactly or
 * names an impossible date or time (31/02/2024, 24:00). Throws only for an invalid
 * format, which a validated mapping never holds.
 *
 * @example parseDate('29/02/2024', 'DD/MM/YYYY') // { year: 2024, month: 2, day: 29, hour: 0, ... }
 */
export function parseDate(value: string, format: string): DateParts | undefined {
  const result = compiled(format);
  if (!result.ok) throw new Error(`invalid date format: ${result.problem}`);
  const match = result.compiled.regex.exec(value);
  if (match === null) return undefined;
  const parts: DateParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  result.compiled.units.forEach((unit, index) => {
    parts[unit] = Number(match[index + 1]);
  });
  const valid =
    parts.month >= 1 &&
    parts.month <= 12 &&
    parts.day >= 1 &&
    parts.day <= daysInMonth(parts.year, parts.month) &&
    parts.hour <= 23 &&
    parts.minute <= 59 &&
    parts.second <= 59;
  return valid ? parts : undefined;
}

/** A fixed UTC offset: "Z", "+01:00", "-05:30". */
export const timezonePattern = /^(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The calendar date as ISO 8601 (YYYY-MM-DD); any time of day is dropped. */
export const toIsoDate = (parts: DateParts): string =>
  `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;

/** The instant the wall-clock `parts` name at the fixed `timezone` offset, in UTC ISO 8601. */
export function toIsoInstant(parts: DateParts, timezone = 'Z'): string {
  if (!timezonePattern.test(timezone)) throw new Error('invalid timezone offset');
  const sign = timezone.startsWith('-') ? -1 : 1;
  const offsetMinutes = timezone === 'Z' ? 0 : sign * (Number(timezone.slice(1, 3)) * 60 + Number(timezone.slice(4, 6)));
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  date.setUTCHours(parts.hour, parts.minute - offsetMinutes, parts.second, 0);
  return date.toISOString();
}
