import { normalizePostcode } from '../../src/normalize/address.ts';
import { normalizeEmail } from '../../src/normalize/email.ts';
import { familyKey, primaryGivenName, splitFullName } from '../../src/normalize/name.ts';
import { normalizePhone } from '../../src/normalize/phone.ts';
import { multiValueSeparator, type LabelledRow } from '../generate/labelled.ts';

/**
 * What Splink reads: one row per labelled record, cleaned with the product's own
 * normalizers (Splink's documentation asks for standardised input and leaves the cleaning
 * to the user), so the comparison measures the two matchers, not two cleaners. Empty is
 * null. The answer key is not here.
 */
export type SplinkRow = {
  unique_id: string;
  first_name: string | null;
  surname: string | null;
  dob: string | null;
  email: string | null;
  phone: string | null;
  postcode: string | null;
  loyalty: string | null;
};

export const splinkColumns = ['unique_id', 'first_name', 'surname', 'dob', 'email', 'phone', 'postcode', 'loyalty'] as const;

/** Every value of a multi-valued cell, normalized, invalid ones dropped, in the order written. */
export type Cleaned = { row: SplinkRow; emails: string[]; phones: string[]; loyalty: string[] };

const values = (cell: string): string[] =>
  cell
    .split(multiValueSeparator)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

const orNull = (value: string | null | undefined): string | null => (value === undefined || value === null || value === '' ? null : value);

/**
 * A labelled row as Splink sees it: the given name's first token and the family name as
 * one key (the product's `primaryGivenName` and `familyKey`, the full name split when the
 * source gave only that), the mailbox an address delivers to, phones in E.164 read in the
 * record's country, the postcode as its country writes it. Splink compares one e-mail and
 * one phone per record, the first valid one; all of them are kept for the evidence count.
 * @example cleanRow(row).row.surname // 'goldkuhle'
 */
export function cleanRow(row: LabelledRow): Cleaned {
  const split = row.given === '' && row.family === '' ? splitFullName(row.full_name) : { given: row.given, family: row.family };
  const country = orNull(row.country) ?? undefined;
  const emails = dedupe(values(row.email).map(normalizeEmail));
  const phones = dedupe(values(row.phone).map((phone) => normalizePhone(phone, country)));
  const loyalty = dedupe(values(row.loyalty));
  return {
    row: {
      unique_id: row.record_id,
      first_name: orNull(split.given ? primaryGivenName(split.given) : null),
      surname: orNull(split.family ? familyKey(split.family) : null),
      dob: orNull(row.dob),
      email: emails[0] ?? null,
      phone: phones[0] ?? null,
      postcode: orNull(row.postcode ? normalizePostcode(row.postcode, country) : null),
      loyalty: loyalty[0] ?? null,
    },
    emails,
    phones,
    loyalty,
  };
}

function dedupe(list: ReadonlyArray<string | null>): string[] {
  return [...new Set(list.filter((value): value is string => value !== null && value !== ''))];
}
