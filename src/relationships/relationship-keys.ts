import { createHash } from 'node:crypto';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { PostalAddress } from '../ingest/canonical.ts';
import { normalizeCity, normalizePostcode, normalizeStreet } from '../normalize/address.ts';
import { foldText } from '../normalize/text.ts';
import type { ValueCodec } from '../privacy/codec.ts';

export type HouseholdKind = 'address' | 'landline';

/**
 * The one place a household or organisation lookup key is derived from a normalized
 * value: the namespace plain, the value through the codec's tokenKey (readable with the
 * plain codec, `household:address:12 quillfeather lane|3|SW1A 1AA|GB`; a keyed hash when
 * values are encrypted, so that neither the key nor the public id derived from it can be
 * guessed from an address).
 * @example relationshipKey('household:landline', '+442079460018', plainCodec) // 'household:landline:+442079460018'
 */
export function relationshipKey(namespace: 'household:address' | 'household:landline' | 'organisation', normalized: string, codec: ValueCodec): string {
  return `${namespace}:${codec.tokenKey(namespace, normalized)}`;
}

/** The public id of a household or organisation: derived from its key, never showing the value. */
export const publicIdOf = (prefix: 'hh' | 'org', key: string): string => `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

/**
 * An address as households compare it: the street normalized as blocking and matching do
 * (abbreviations expanded, the flat or unit kept apart), the unit, the postcode (else the
 * city) and the country. Null when there is no street or nowhere to place it: a postcode
 * or a city alone is a neighbourhood, not a home.
 * @example householdAddress({ lines: ['Flat 3, 12 Quillfeather Ln'], postcode: 'sw1a1aa' }, 'GB') // '12 quillfeather lane|3|SW1A 1AA|GB'
 */
export function householdAddress(address: PostalAddress, defaultCountry?: string | null): string | null {
  const country = address.country ?? defaultCountry ?? undefined;
  const street = address.lines.length > 0 ? normalizeStreet(address.lines.join(', '), country) : null;
  if (!street || !/\d/.test(street.street)) return null;
  const postcode = address.postcode ? normalizePostcode(address.postcode, country) : null;
  const city = address.city ? normalizeCity(address.city) : null;
  const place = postcode ?? (city ? `city:${city}` : null);
  if (place === null) return null;
  return [street.street, street.unit ?? '', place, country ?? ''].join('|');
}

/**
 * A phone number in E.164 when libphonenumber types it as a fixed line, else null. Mobiles,
 * and numbers whose type the metadata cannot tell (FIXED_LINE_OR_MOBILE, as every North
 * American number is), VoIP, pagers and shared-cost numbers are not a home's line.
 * @example landlineOf('020 7946 0018', 'GB') // '+442079460018'
 * @example landlineOf('07911 123456', 'GB') // null (a mobile)
 */
export function landlineOf(raw: string, defaultCountry?: string | null): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), { defaultCountry: (defaultCountry ?? undefined) as CountryCode | undefined, extract: false });
  return parsed?.isValid() && parsed.getType() === 'FIXED_LINE' ? parsed.number : null;
}

const LEGAL_FORMS = new Set(['ltd', 'limited', 'plc', 'llc', 'llp', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'gmbh', 'ag', 'sa', 'sas', 'sarl', 'bv', 'nv', 'srl', 'spa', 'pty']);

/**
 * An organisation's name as organisations are keyed: folded, punctuation and '&' read as
 * words, trailing legal forms dropped ('Fernwright Analytical Engines Ltd.' = 'Fernwright
 * Analytical Engines Limited'). Null when nothing is left.
 * @example organisationName('Fernwright Analytical Engines Ltd.') // 'fernwright analytical engines'
 */
export function organisationName(raw: string): string | null {
  const words = foldText(raw).replace(/&/g, ' and ').replace(/['’.]/g, '').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  while (words.length > 1 && LEGAL_FORMS.has(words.at(-1)!)) words.pop();
  return words.length > 0 ? words.join(' ') : null;
}
