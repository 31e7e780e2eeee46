import type { IdentifierType, Person, PostalAddress } from '../ingest/canonical.ts';
import { normalizeCity, normalizePostcode, normalizeStreet } from '../normalize/address.ts';
import { normalizeEmail } from '../normalize/email.ts';
import { normalizeIdentifier } from '../normalize/identifier.ts';
import { normalizeName } from '../normalize/name.ts';
import { normalizePhone } from '../normalize/phone.ts';
import type {
  GoldenAddress,
  GoldenSourceRecord,
  KeptValue,
  MultiAttribute,
  Provenance,
  SingleAttribute,
} from './survivorship.ts';

/**
 * One value one record offers for an attribute. `key` is what values are compared by (two
 * spellings of one value share it); `text` is what the golden record shows; `order` is the
 * value's place in its record, the tie-break after the record key.
 */
export type Candidate = { record: GoldenSourceRecord; text: string; key: string; order: number; address: GoldenAddress | null };

/** Identifier types that name an account or a person; cookies, devices and logins are not kept on the golden record. */
export const keptIdentifierTypes: readonly IdentifierType[] = ['national_id', 'tax_id', 'account_number', 'customer_number', 'loyalty_number'];

const NAME_ATTRIBUTES: ReadonlySet<SingleAttribute> = new Set(['givenName', 'middleName', 'familyName', 'fullName']);

const fold = (text: string): string => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
/** Code-unit order, not locale order: the same on every machine. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const provenanceOf = (record: GoldenSourceRecord): Provenance => ({
  recordKey: record.key, source: record.source, sourceRecordId: record.sourceRecordId, updatedAt: record.updatedAt,
});

/**
 * The form a single attribute's values are compared by: names as the matcher reads them
 * ('MÜLLER' = 'Müller'), anything else trimmed and case-folded.
 * @example valueKey('familyName', 'MÜLLER') // 'muller'
 */
export function valueKey(attribute: SingleAttribute, text: string): string {
  const name = NAME_ATTRIBUTES.has(attribute) ? normalizeName(text) : '';
  return name.length > 0 ? name : fold(text);
}

const joinName = (...parts: Array<string | undefined>): string => parts.filter((part) => part !== undefined).join(' ');

function textsOf(attribute: SingleAttribute, person: Person): Array<string | undefined> {
  switch (attribute) {
    case 'givenName':
      return person.names.map((name) => name.given);
    case 'middleName':
      return person.names.map((name) => name.middle);
    case 'familyName':
      return person.names.map((name) => name.family);
    case 'fullName':
      return person.names.map((name) => name.full ?? joinName(name.given, name.middle, name.family));
    case 'dateOfBirth':
      return [person.dateOfBirth];
    case 'organisation':
      return [person.organisation];
    case 'title':
      return [person.title];
    default: {
      const unreachable: never = attribute;
      return unreachable;
    }
  }
}

/** Every non-empty value the records offer for a single attribute. */
export function singleCandidates(attribute: SingleAttribute, records: readonly GoldenSourceRecord[]): Candidate[] {
  return records.flatMap((record) =>
    textsOf(attribute, record.person).flatMap((raw, order) => {
      const text = raw?.trim() ?? '';
      return text.length > 0 ? [{ record, text, key: valueKey(attribute, text), order, address: null }] : [];
    }),
  );
}

/** The country a record's local phone numbers are read in: its first address that names one, else its source's default country. */
export const countryOf = (record: GoldenSourceRecord): string | undefined =>
  record.person.addresses.find((address) => address.country)?.country ?? record.defaultCountry ?? undefined;

function addressCandidate(record: GoldenSourceRecord, address: PostalAddress, order: number): Candidate | null {
  const country = address.country;
  const street = address.lines.length > 0 ? normalizeStreet(address.lines.join(', '), country) : null;
  const postcode = address.postcode ? (normalizePostcode(address.postcode, country) ?? fold(address.postcode)) : null;
  const city = address.city ? normalizeCity(address.city) : null;
  if (!street && !postcode && !city) return null;
  // Without a postcode the city tells '1 High Street' in one town from the same in another.
  const place = postcode ?? `city:${city ?? ''}`;
  const key = [street?.street ?? '', street?.unit ?? '', place, country ?? ''].join('|');
  const text = [...address.lines, address.city, address.postcode, address.country]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part.length > 0)
    .join(', ');
  const kept: GoldenAddress = {
    lines: [...address.lines], city: address.city ?? null, region: address.region ?? null,
    postcode: address.postcode ?? null, country: address.country ?? null,
  };
  return { record, text, key, order, address: kept };
}

/**
 * Every (value, record) pair of a multi attribute, values normalized: emails by mailbox,
 * phones in E.164 read in the record's address country (unparseable ones skipped),
 * addresses keyed by street, unit, postcode and country.
 */
export function multiCandidates(attribute: MultiAttribute, records: readonly GoldenSourceRecord[]): Candidate[] {
  return records.flatMap((record): Candidate[] => {
    const person = record.person;
    const simple = (raws: string[], normalize: (raw: string) => string | null): Candidate[] =>
      raws.flatMap((raw, order) => {
        const value = normalize(raw);
        return value === null ? [] : [{ record, text: value, key: value, order, address: null }];
      });
    switch (attribute) {
      case 'email':
        return simple(person.emails, normalizeEmail);
      case 'phone': {
        const country = countryOf(record);
        return simple(person.phones, (raw) => normalizePhone(raw, country));
      }
      case 'address':
        return person.addresses.flatMap((address, order) => addressCandidate(record, address, order) ?? []);
      default: {
        const unreachable: never = attribute;
        return unreachable;
      }
    }
  });
}

export type PinnedValue = { key: string; text: string; address: GoldenAddress | null };

/**
 * A pinned multi value as the candidates are keyed. A steward pins what the golden record
 * showed, so an address pin matches a value's display line; a local phone number is tried
 * in each country the records' addresses name.
 */
export function pinKey(attribute: MultiAttribute, value: string, candidates: readonly Candidate[], records: readonly GoldenSourceRecord[]): PinnedValue {
  switch (attribute) {
    case 'email': {
      const email = normalizeEmail(value);
      return { key: email ?? fold(value), text: email ?? value.trim(), address: null };
    }
    case 'phone': {
      const countries = [...new Set(records.map((record) => countryOf(record) ?? ''))].sort(compareText);
      const phone = [undefined, ...countries].map((country) => normalizePhone(value, country || undefined)).find((p) => p !== null);
      return { key: phone ?? value.trim(), text: phone ?? value.trim(), address: null };
    }
    case 'address': {
      const matching = candidates.filter((c) => fold(c.text) === fold(value) || c.key === value).map((c) => c.key).sort(compareText);
      return { key: matching[0] ?? `pinned|${fold(value)}`, text: value.trim(), address: null };
    }
    default: {
      const unreachable: never = attribute;
      return unreachable;
    }
  }
}

type Kept = { record: GoldenSourceRecord; type: string; text: string; key: string };

/** Groups by (type, key); the shown text is the one of the lowest record key, sources sorted by record key. */
function keepAll(entries: readonly Kept[]): KeptValue[] {
  const groups = new Map<string, Kept[]>();
  for (const entry of entries) {
    const id = `${entry.type}\u0000${entry.key}`;
    groups.set(id, [...(groups.get(id) ?? []), entry]);
  }
  return [...groups.values()]
    .map((group) => {
      const sorted = [...group].sort((a, b) => compareText(a.record.key, b.record.key) || compareText(a.text, b.text));
      const records = [...new Map(sorted.map((entry) => [entry.record.key, entry.record])).values()];
      return { type: sorted[0]!.type, value: sorted[0]!.text, sources: records.map(provenanceOf) };
    })
    .sort((a, b) => compareText(a.type, b.type) || compareText(a.value, b.value));
}

/** Names from the legal-name sources, each distinct name kept with every record carrying it. */
export function legalNamesOf(records: readonly GoldenSourceRecord[], legalNameSources: readonly string[]): KeptValue[] {
  const legal = new Set(legalNameSources);
  return keepAll(
    records
      .filter((record) => legal.has(record.source))
      .flatMap((record) =>
        record.person.names.flatMap((name) => {
          const text = (name.full ?? joinName(name.given, name.family)).trim();
          return text.length > 0 ? [{ record, type: 'legal_name', text, key: valueKey('fullName', text) }] : [];
        }),
      ),
  );
}

/** Account and person identifiers, each distinct normalized (type, value) kept with its sources. */
export function identifiersOf(records: readonly GoldenSourceRecord[]): KeptValue[] {
  const kept = new Set(keptIdentifierTypes);
  return keepAll(
    records.flatMap((record) =>
      record.person.identifiers.flatMap((identifier) => {
        if (!kept.has(identifier.type)) return [];
        const value = normalizeIdentifier(identifier.type, identifier.value, countryOf(record));
        return value === null ? [] : [{ record, type: identifier.type, text: value, key: value }];
      }),
    ),
  );
}
