import type { z } from 'zod';
import { countryCode } from '../ingest/adapters/field-parsers.ts';
import { personNameSchema, personSchema, postalAddressSchema } from '../ingest/canonical.ts';
import { textProblem } from '../ingest/record-limits.ts';
import { normalizeDate } from '../normalize/date.ts';
import { normalizeEmail } from '../normalize/email.ts';
import { normalizePhone } from '../normalize/phone.ts';
import type { GoldenAttribute } from './survivorship.ts';

/** A steward's value as it will be pinned, or why it cannot be: the reason never repeats the value. */
export type PinValueCheck = { ok: true; value: string } | { ok: false; reason: string };

const refuse = (reason: string): PinValueCheck => ({ ok: false, reason });

/** The canonical model's own rule for a text attribute (length, trimming), as sources are held to it. */
function canonicalText(schema: z.ZodType<string | undefined>, text: string, what: string): PinValueCheck {
  const parsed = schema.safeParse(text);
  if (parsed.success && parsed.data !== undefined) return { ok: true, value: parsed.data };
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  return refuse(issue?.code === 'too_big' ? `is longer than ${String(issue.maximum)} characters, the most ${what} may have` : `is not ${what}`);
}

const TWO_LETTERS = /^[A-Za-z]{2}$/;

/**
 * An address pin is a line as the golden record shows one ("12 St James Square, London,
 * SW1Y 4JH, GB"): street lines, city, postcode and country, comma-separated. Each part is
 * held to the canonical address's limits; a last part of two letters is a country and must
 * be an ISO 3166-1 alpha-2 code ('uk' becomes GB, as ingestion reads it).
 */
function addressLine(text: string): PinValueCheck {
  const parts = text.split(',').map((part) => part.trim()).filter((part) => part.length > 0);
  const line = postalAddressSchema.shape.lines.unwrap().element;
  if (parts.length === 0) return refuse('is not an address');
  if (parts.length > 8) return refuse('has more parts than an address holds (street lines, city, region, postcode, country)');
  if (parts.some((part) => !line.safeParse(part).success)) return refuse('has a part longer than an address line may be');
  const last = parts.at(-1)!;
  if (TWO_LETTERS.test(last)) {
    const code = countryCode(last);
    if (code === undefined) return refuse('ends in a country that is not an ISO 3166-1 alpha-2 code');
    parts[parts.length - 1] = code;
  }
  return { ok: true, value: parts.join(', ') };
}

/**
 * A steward's value for a golden attribute, checked and normalized by the rules that hold
 * for what sources send (src/ingest/canonical.ts, src/normalize): names, organisation and
 * title by the canonical model's limits; a date of birth must be a real day from 1900 to
 * today, stored as YYYY-MM-DD; an e-mail is stored as the mailbox it delivers to; a phone
 * in E.164, read in the countries of the customer's records when it has no international
 * prefix; an address's country must be an ISO 3166-1 code.
 *
 * @example normalizePinValue('dateOfBirth', 'yesterday', []) // { ok: false, reason: 'is not a date of birth ...' }
 * @example normalizePinValue('email', ' Jane@Example.COM ', []) // { ok: true, value: 'jane@example.com' }
 * @example normalizePinValue('phone', '020 7946 0018', ['GB']) // { ok: true, value: '+442079460018' }
 */
export function normalizePinValue(attribute: GoldenAttribute, raw: string, countries: readonly string[], now: Date = new Date()): PinValueCheck {
  const text = raw.trim();
  if (text.length === 0) return refuse('is empty');
  const badText = textProblem(text);
  if (badText) return refuse(badText);
  switch (attribute) {
    case 'givenName':
      return canonicalText(personNameSchema.shape.given, text, 'a given name');
    case 'middleName':
      return canonicalText(personNameSchema.shape.middle, text, 'a middle name');
    case 'familyName':
      return canonicalText(personNameSchema.shape.family, text, 'a family name');
    case 'fullName':
      return canonicalText(personNameSchema.shape.full, text, 'a full name');
    case 'organisation':
      return canonicalText(personSchema.shape.organisation, text, 'an organisation');
    case 'title':
      return canonicalText(personSchema.shape.title, text, 'a title');
    case 'dateOfBirth': {
      const date = normalizeDate(text, undefined, now);
      if (date === null || !personSchema.shape.dateOfBirth.safeParse(date).success) {
        return refuse('is not a date of birth: a real day from 1900 to today, written as YYYY-MM-DD (or with the month by name)');
      }
      return { ok: true, value: date };
    }
    case 'email': {
      const email = normalizeEmail(text);
      return email === null ? refuse('is not an e-mail address') : { ok: true, value: email };
    }
    case 'phone': {
      const phone = [undefined, ...countries].map((country) => normalizePhone(text, country)).find((p) => p !== null);
      return phone === undefined || phone === null
        ? refuse(`is not a valid phone number${countries.length === 0 ? ' (give it with its international prefix, e.g. +44)' : ''}`)
        : { ok: true, value: phone };
    }
    case 'address':
      return addressLine(text);
    default: {
      const unreachable: never = attribute;
      return unreachable;
    }
  }
}
