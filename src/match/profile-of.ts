import type { IdentifierType, Person, PersonName } from '../ingest/canonical.ts';
import { normalizeCity, normalizePostcode, normalizeStreet } from '../normalize/address.ts';
import { normalizeDate } from '../normalize/date.ts';
import { normalizeEmail } from '../normalize/email.ts';
import { normalizeIdentifier } from '../normalize/identifier.ts';
import { canonicalGivenNames, familyKey, primaryGivenName, splitFullName } from '../normalize/name.ts';
import { normalizePhone } from '../normalize/phone.ts';
import type { MatchProfile } from './profile.ts';

/** Identifiers that name one person; cookies and devices are shared and stay out. */
const STRONG_IDS: ReadonlySet<IdentifierType> = new Set<IdentifierType>([
  'national_id', 'tax_id', 'account_number', 'customer_number', 'loyalty_number', 'user_id',
]);

const uniqueSorted = (values: Iterable<string | null | undefined>): string[] =>
  [...new Set([...values].filter((value): value is string => typeof value === 'string' && value.length > 0))].sort();

/** Given and family of one name; parts missing from the fields are taken from `full`. */
function partsOf(name: PersonName): { given?: string; family?: string } {
  const split = name.full && (!name.given || !name.family) ? splitFullName(name.full) : {};
  return { given: name.given ?? split.given, family: name.family ?? split.family };
}

/**
 * A person reduced to the normalized features the matcher compares (see `MatchProfile`).
 * - Names: each entry's given and family fields, or the parts of `full` when they are
 *   missing. Only the first given name counts; middle names are ignored, since sources
 *   keep them too unevenly to compare.
 * - Phones without an international prefix are read in the country of the person's first
 *   address that has one, else `defaultCountry`; postcodes and streets in their address's
 *   country, else `defaultCountry`. `countries` holds only countries the addresses state.
 * - Emails and phones filed as identifiers count as emails and phones.
 * Every list is deduplicated and sorted; values that do not normalize are left out.
 * @example profileOf({ names: [{ full: 'Dr. Bill van der Berg' }], emails: [], phones: [],
 *   addresses: [], identifiers: [] }) // given ['bill'], givenCanonical ['william'], family ['vanderberg'], ...
 */
export function profileOf(person: Person, defaultCountry?: string): MatchProfile {
  const names = person.names.map(partsOf);
  const given = uniqueSorted(names.map((name) => (name.given ? primaryGivenName(name.given) : null)));
  const phoneCountry = person.addresses.find((address) => address.country)?.country ?? defaultCountry;
  const idsOf = (type: IdentifierType) =>
    person.identifiers.filter((id) => id.type === type).map((id) => id.value);
  const addresses = person.addresses.map((address) => ({ ...address, country: address.country ?? defaultCountry }));

  return {
    given,
    givenCanonical: uniqueSorted(given.flatMap(canonicalGivenNames)),
    family: uniqueSorted(names.map((name) => (name.family ? familyKey(name.family) : null))),
    dob: person.dateOfBirth ? normalizeDate(person.dateOfBirth, 'YMD') : null,
    emails: uniqueSorted([...person.emails, ...idsOf('email')].map(normalizeEmail)),
    phones: uniqueSorted([...person.phones, ...idsOf('phone')].map((phone) => normalizePhone(phone, phoneCountry))),
    postcodes: uniqueSorted(addresses.map((a) => (a.postcode ? normalizePostcode(a.postcode, a.country) : null))),
    streets: uniqueSorted(addresses.map((a) => normalizeStreet(a.lines.join(', '), a.country)?.street)),
    cities: uniqueSorted(addresses.map((a) => (a.city ? normalizeCity(a.city) : null))),
    countries: uniqueSorted(person.addresses.map((a) => a.country)),
    ids: uniqueSorted(
      person.identifiers
        .filter((id) => STRONG_IDS.has(id.type))
        .map((id) => {
          const value = normalizeIdentifier(id.type, id.value, defaultCountry);
          return value === null ? null : `${id.type}:${value}`;
        }),
    ),
  };
}
