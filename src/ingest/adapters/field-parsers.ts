import { z } from 'zod';
import { DomainError } from '../../errors/domain-error.ts';
import { normalizeEmail } from '../../normalize/email.ts';
import { isPossiblePhone } from '../../normalize/phone.ts';
import type { PersonName } from '../canonical.ts';
import { keepValid, type DataQualityCode, type FieldProblem, type FieldResult } from '../data-quality.ts';

/**
 * Small pieces every adapter needs: blank-to-absent, strict date conversion, country
 * names to ISO codes, decimal strings. Pure; nothing here normalizes identifiers (the
 * e-mail and phone checks only ask whether a value could identify anyone).
 *
 * Two kinds of parser: those that throw (a record's own clock, an interaction's time: the
 * record cannot be stored without them) and those that answer a FieldResult (a person's
 * date of birth, country, e-mails and phones: the record is stored without a bad one, and
 * the value is kept as a data-quality issue; see data-quality.ts).
 */

export type FieldPath = ReadonlyArray<string | number>;

/** Trimmed text, or undefined for null, undefined and blank strings (sources send all three). */
export const clean = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** Cleaned, de-duplicated (exact match only: normalization happens later) non-blank values. */
export const present = (...values: Array<string | null | undefined>): string[] => [
  ...new Set(values.map(clean).filter((value): value is string => value !== undefined)),
];

const nameParts = ['given', 'middle', 'family', 'full'] as const;

/** One name entry holding the parts the source has, or none when it has no name at all. */
export function namesOf(name: Partial<Record<keyof PersonName, string | null | undefined>>): PersonName[] {
  const entry: PersonName = {};
  for (const part of nameParts) {
    const value = clean(name[part]);
    if (value !== undefined) entry[part] = value;
  }
  return Object.keys(entry).length === 0 ? [] : [entry];
}

export const invalidDate = (field: FieldPath): DomainError =>
  new DomainError('BAD_USER_INPUT', 'Source date field holds an impossible date', {
    clientMessage: `${field.join('.')} is not a valid date`,
    field,
  });

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Year-month-day as YYYY-MM-DD when it is a real calendar day, else undefined. */
function calendarDay(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Throws unless year-month-day is a real calendar day; returns it as YYYY-MM-DD. */
export function calendarDate(year: number, month: number, day: number, field: FieldPath): string {
  const date = calendarDay(year, month, day);
  if (date === undefined) throw invalidDate(field);
  return date;
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → the same string, after checking the day exists. */
export function isoDate(value: string, field: FieldPath): string {
  const match = isoDatePattern.exec(value.trim());
  if (!match) throw invalidDate(field);
  return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]), field);
}

const problem = (field: FieldPath, code: DataQualityCode, reason: string, raw: string): FieldResult<never> => ({
  ok: false,
  problem: { field: [...field], code, reason, raw },
});

/**
 * A date of birth sent as 'YYYY-MM-DD': the date, undefined when blank, or a problem
 * when it is not in that form ('19081309') or names no real day ('1985-02-30').
 *
 * @example dateOfBirthOf('19081309', ['payload', 'Birthdate']) // { ok: false, problem: { code: 'INVALID_DATE', ... } }
 */
export function dateOfBirthOf(value: string | null | undefined, field: FieldPath): FieldResult<string | undefined> {
  const text = clean(value);
  if (text === undefined) return { ok: true, value: undefined };
  const match = isoDatePattern.exec(text);
  if (!match) return problem(field, 'INVALID_DATE', 'is not a date as YYYY-MM-DD', text);
  const date = calendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
  return date === undefined ? problem(field, 'INVALID_DATE', 'is not a day of the calendar', text) : { ok: true, value: date };
}

const localDateTime = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?$/;

/**
 * A wall-clock 'YYYY-MM-DD HH:mm:ss' (or with 'T') plus its UTC offset ('+01:00', '+0100',
 * 'Z') → an ISO instant with that offset. Each part is checked; nothing is guessed.
 */
export function instantWithOffset(dateTime: string, offset: string, field: FieldPath): string {
  const match = localDateTime.exec(dateTime.trim());
  const zone = /^(?:Z|([+-])(\d{2}):?(\d{2}))$/.exec(offset.trim());
  if (!match || !zone) throw invalidDate(field);
  const [hours, minutes, seconds] = [Number(match[4]), Number(match[5]), Number(match[6])];
  if (hours > 23 || minutes > 59 || seconds > 59) throw invalidDate(field);
  if (zone[1] !== undefined && (Number(zone[2]) > 14 || Number(zone[3]) > 59)) throw invalidDate(field);
  const date = calendarDate(Number(match[1]), Number(match[2]), Number(match[3]), field);
  const suffix = zone[1] === undefined ? 'Z' : `${zone[1]}${zone[2]}:${zone[3]}`;
  return `${date}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}${match[7] ?? ''}${suffix}`;
}

/** A date-only business date (an invoice's issue date) as midnight UTC of that day. */
export const startOfDayUtc = (value: string, field: FieldPath): string => `${isoDate(value, field)}T00:00:00Z`;

/** CLDR region codes that are not ISO 3166-1 countries (groupings, reservations, test codes). */
const notCountries = new Set(['AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'XK', 'ZZ']);

/** Every ISO alpha-2 code Node's ICU knows, keyed by itself and by its English name. */
const countriesByName = (() => {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const byName = new Map<string, string>();
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second);
      const name = names.of(code);
      // Deprecated codes (DD, UK, YU) canonicalize to another region: not current codes.
      if (!name || notCountries.has(code) || new Intl.Locale(`und-${code}`).region !== code) continue;
      byName.set(code, code).set(name.toUpperCase(), code);
    }
  }
  return byName;
})();

/** Names and codes people write that are not CLDR's English name. */
const countryAliases: Record<string, string> = {
  UK: 'GB', 'GREAT BRITAIN': 'GB', BRITAIN: 'GB', ENGLAND: 'GB', SCOTLAND: 'GB', WALES: 'GB',
  'NORTHERN IRELAND': 'GB', GBR: 'GB', USA: 'US', 'U.S.': 'US', 'U.S.A.': 'US', 'UNITED STATES OF AMERICA': 'US',
  AMERICA: 'US', IRL: 'IE', 'REPUBLIC OF IRELAND': 'IE', FRA: 'FR', DEU: 'DE', DEUTSCHLAND: 'DE', 'THE NETHERLANDS': 'NL',
  HOLLAND: 'NL', NLD: 'NL', ESP: 'ES', ITA: 'IT', CAN: 'CA', AUS: 'AU', 'CZECH REPUBLIC': 'CZ',
};

/**
 * A country as the source wrote it ('GB', 'United Kingdom', 'UK', 'USA') → ISO 3166-1
 * alpha-2, or undefined when it is not recognizably one country.
 */
export function countryCode(value: string | null | undefined): string | undefined {
  const key = clean(value)?.toUpperCase().replace(/\s+/g, ' ');
  if (key === undefined) return undefined;
  return countryAliases[key] ?? countriesByName.get(key);
}

/** As `countryCode`, but a value that names no country is a problem rather than silently absent. */
export function countryOf(value: string | null | undefined, field: FieldPath): FieldResult<string | undefined> {
  const text = clean(value);
  if (text === undefined) return { ok: true, value: undefined };
  const code = countryCode(text);
  return code === undefined ? problem(field, 'INVALID_COUNTRY', 'is not an ISO 3166-1 country code or English country name', text) : { ok: true, value: code };
}

/** Payload fields by dotted path ('customer.email'), in the order their values are kept. */
export type FieldValues = Record<string, string | null | undefined>;

const pathOf = (name: string): string[] => ['payload', ...name.split('.')];

/** An e-mail address as sent, or a problem when it is not an address (no mailbox could receive it). */
export function emailOf(value: string | null | undefined, field: FieldPath): FieldResult<string | undefined> {
  const text = clean(value);
  if (text === undefined || normalizeEmail(text) !== null) return { ok: true, value: text };
  return problem(field, 'INVALID_EMAIL', 'is not an e-mail address', text);
}

/**
 * A phone number as sent, or a problem when it is malformed: not a phone number of a
 * possible length, read in `country` (the record's address country, else the source's
 * default) or as international when it starts with '+'. A possible number that is not
 * valid (a range too new for the metadata) is kept; it just makes no identifier
 * (prepare.ts). A national number with no country to read it in cannot be judged and is
 * kept as it is.
 */
export function phoneOf(value: string | null | undefined, field: FieldPath, country: string | undefined): FieldResult<string | undefined> {
  const text = clean(value);
  if (text === undefined) return { ok: true, value: undefined };
  const judged = country !== undefined || text.startsWith('+');
  if (!judged || isPossiblePhone(text, country)) return { ok: true, value: text };
  return problem(field, 'INVALID_PHONE', 'is not a phone number', text);
}

/** The e-mail addresses of the named payload fields, cleaned and de-duplicated; malformed ones noted in `problems`. */
export const emailsOf = (problems: FieldProblem[], fields: FieldValues): string[] =>
  present(...Object.entries(fields).map(([name, value]) => keepValid(problems, emailOf(value, pathOf(name)))));

/** The phone numbers of the named payload fields, cleaned and de-duplicated; invalid ones noted in `problems`. */
export const phonesOf = (problems: FieldProblem[], country: string | undefined, fields: FieldValues): string[] =>
  present(...Object.entries(fields).map(([name, value]) => keepValid(problems, phoneOf(value, pathOf(name), country))));

/** A money or quantity amount sent as a string ('19.90'): validated, then a number. */
export const decimalString = z
  .string()
  .trim()
  .regex(/^-?\d{1,12}(\.\d{1,6})?$/, 'Expected a decimal number as a string, e.g. "19.90"')
  .transform(Number);

/** A price or quantity as a string: like `decimalString`, never negative. */
export const priceString = decimalString.refine((amount) => amount >= 0, 'Expected a non-negative amount');

/** A currency code as ISO 4217 letters; sources differ in case. */
export const currencyCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'Expected an ISO 4217 currency code, e.g. "GBP"')
  .transform((code) => code.toUpperCase());

/** Optional source text that may arrive as null or '' (SQL-backed and CRM APIs send both). */
export const optionalText = z.string().nullish();

/** Rounds a money amount to cents, avoiding 0.1 + 0.2 artefacts from divisions. */
export const toCents = (amount: number): number => Math.round(amount * 100) / 100;
