import { DomainError } from '../errors/domain-error.ts';
import { identifierTypes, type IdentifierType } from '../ingest/canonical.ts';
import { normalizeIdentifier } from '../normalize/identifier.ts';
import type { ValueCodec } from '../privacy/codec.ts';

export const MAX_IDENTIFIER_LENGTH = 320;
const COUNTRY = /^[A-Za-z]{2}$/;

/** The GraphQL enum value of an identifier type, e.g. LOYALTY_NUMBER -> loyalty_number. */
export function identifierTypeOf(graphqlType: string): IdentifierType {
  const type = graphqlType.toLowerCase();
  if (!(identifierTypes as readonly string[]).includes(type)) {
    throw new DomainError('BAD_USER_INPUT', 'Unknown identifier type', { clientMessage: `type must be one of ${identifierTypes.join(', ')}`, field: ['type'] });
  }
  return type as IdentifierType;
}

const bad = (field: string, clientMessage: string) => new DomainError('BAD_USER_INPUT', `Unusable lookup identifier (${field})`, { clientMessage, field: [field] });

/**
 * The Identifier keys a typed value may be stored under, normalized and passed through
 * the codec exactly as ingestion keys them (prepare.ts: normalizeIdentifier, then
 * codec.lookupKey). A phone with its international prefix has one key; a national one
 * (07..., 020...) is read in `country` when given, otherwise in each of `fallbackCountries`
 * (the default countries of the sources, which ingestion reads national numbers in).
 * Pure; messages never quote the value.
 * @example identifierKeys('email', 'Jane.Doe+promo@Gmail.com', null, [], plainCodec) // ['email:janedoe@gmail.com']
 */
export function identifierKeys(type: IdentifierType, value: string, country: string | null | undefined, fallbackCountries: readonly string[], codec: ValueCodec): string[] {
  if (value.length > MAX_IDENTIFIER_LENGTH) throw bad('value', `value must be at most ${MAX_IDENTIFIER_LENGTH} characters`);
  if (country != null && !COUNTRY.test(country)) throw bad('country', 'country must be an ISO 3166-1 alpha-2 code such as GB');
  let normalized: string[];
  if (type !== 'phone') {
    const one = normalizeIdentifier(type, value);
    normalized = one ? [one] : [];
  } else if (country != null) {
    const one = normalizeIdentifier('phone', value, country.toUpperCase());
    normalized = one ? [one] : [];
  } else {
    const international = normalizeIdentifier('phone', value);
    if (international) normalized = [international];
    else {
      if (fallbackCountries.length === 0) throw bad('country', 'a phone number without its international prefix needs a country');
      normalized = fallbackCountries.map((c) => normalizeIdentifier('phone', value, c)).filter((n): n is string => n !== null);
    }
  }
  if (normalized.length === 0) throw bad('value', `value is not a usable ${type}${type === 'phone' && country == null ? ' (give its country, or its international prefix)' : ''}`);
  return [...new Set(normalized)].sort().map((n) => codec.lookupKey(type, n));
}
