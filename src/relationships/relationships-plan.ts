import type { GoldenSourceRecord } from '../golden/survivorship.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { householdAddress, landlineOf, organisationName, publicIdOf, relationshipKey, type HouseholdKind } from './relationship-keys.ts';

export type AffiliationRole = 'employer' | 'account_holder';

/** One household a customer's records place it in: an address or a landline it shares (or may share) with others. */
export type PlannedMembership = { key: string; id: string; kind: HouseholdKind; value: string; recordKeys: string[] };
/** One organisation a customer's records name, in one role. */
export type PlannedAffiliation = { key: string; id: string; name: string; role: AffiliationRole; sources: string[]; recordKeys: string[] };
export type RelationshipPlan = { customerId: string; memberships: PlannedMembership[]; affiliations: PlannedAffiliation[] };

export type RelationshipInput = { id: string; status: string; records: readonly GoldenSourceRecord[] };

/**
 * A billing account's company is the organisation that holds the account; any other
 * source's organisation (a CRM contact's Account) is the person's employer.
 */
export const roleOf = (source: string): AffiliationRole => (source === 'billing' ? 'account_holder' : 'employer');

const countryOf = (record: GoldenSourceRecord): string | null => record.person.addresses.find((a) => a.country)?.country ?? record.defaultCountry ?? null;

const addressText = (record: GoldenSourceRecord, index: number): string => {
  const a = record.person.addresses[index]!;
  return [...a.lines, a.city, a.postcode, a.country ?? record.defaultCountry ?? undefined].filter((part): part is string => typeof part === 'string' && part.length > 0).join(', ');
};

/**
 * The households and organisations a customer belongs to, from its records: each address
 * that normalizes to a home (see `householdAddress`), each landline, each organisation
 * name. A merged-away or empty customer belongs to none (its edges are removed). Whether a
 * household is one (two members or more, not a hub) is decided when it is read, since it
 * depends on the other customers.
 * @example planRelationships({ id: 'cus_1', status: 'active', records }, plainCodec) // { customerId: 'cus_1', memberships: [...], affiliations: [...] }
 */
export function planRelationships(input: RelationshipInput, codec: ValueCodec): RelationshipPlan {
  const plan: RelationshipPlan = { customerId: input.id, memberships: [], affiliations: [] };
  if (input.status === 'merged') return plan;
  const memberships = new Map<string, PlannedMembership>();
  const affiliations = new Map<string, PlannedAffiliation>();
  const records = [...input.records].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const addMembership = (kind: HouseholdKind, normalized: string, value: string, recordKey: string) => {
    const key = relationshipKey(kind === 'address' ? 'household:address' : 'household:landline', normalized, codec);
    const found = memberships.get(key) ?? { key, id: publicIdOf('hh', key), kind, value, recordKeys: [] };
    if (!found.recordKeys.includes(recordKey)) found.recordKeys.push(recordKey);
    memberships.set(key, found);
  };
  for (const record of records) {
    const person = record.person;
    person.addresses.forEach((address, index) => {
      const normalized = householdAddress(address, record.defaultCountry);
      if (normalized !== null) addMembership('address', normalized, addressText(record, index), record.key);
    });
    const country = countryOf(record);
    for (const raw of [...person.phones, ...person.identifiers.filter((i) => i.type === 'phone').map((i) => i.value)]) {
      const landline = landlineOf(raw, country);
      if (landline !== null) addMembership('landline', landline, landline, record.key);
    }
    const name = person.organisation ? organisationName(person.organisation) : null;
    if (name !== null) {
      const key = relationshipKey('organisation', name, codec);
      const role = roleOf(record.source);
      const found = affiliations.get(`${key}|${role}`) ?? { key, id: publicIdOf('org', key), name: person.organisation!.trim(), role, sources: [], recordKeys: [] };
      if (!found.sources.includes(record.source)) found.sources.push(record.source);
      found.recordKeys.push(record.key);
      affiliations.set(`${key}|${role}`, found);
    }
  }
  plan.memberships = [...memberships.values()].sort((x, y) => (x.key < y.key ? -1 : 1));
  plan.affiliations = [...affiliations.values()].map((a) => ({ ...a, sources: a.sources.sort() })).sort((x, y) => (`${x.key}|${x.role}` < `${y.key}|${y.role}` ? -1 : 1));
  return plan;
}
