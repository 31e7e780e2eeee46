/**
 * What the view benchmark asks: each read as GraphQL and as its floor (one bare Cypher
 * statement over the same indexes), and the identifiers, customers and names it asks for,
 * sampled from the base. Values stay in memory and in the load process's 0600 spec file.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { int, type GraphExecutor } from '../../src/graph/executor.ts';
import { planSearch } from '../../src/lookup/search-query.ts';
import { plainCodec } from '../../src/privacy/codec.ts';
import type { LoadRequest } from './load.ts';

// ---------- the reads, as GraphQL and as their floor ----------

export const LOOKUP = `query Lookup($type: IdentifierType!, $value: String!, $country: String) {
  customerByIdentifier(type: $type, value: $value, country: $country) { id profile { fullName { value } } }
}`;
export const PROFILE = `query Customer360($id: ID!) {
  customer(id: $id) {
    id redirected
    profile { fullName { value from { source } } emails { value preferred } phones { value } }
    identifiers { type value sources { source } }
    summary { lifetimeValue { currency amount } orderCount lastOrderAt openTicketCount lastEmailEngagementAt lastWebVisitAt }
    timeline(first: 20) { edges { cursor node { type occurredAt source } } pageInfo { hasNextPage endCursor } }
    household { id members { id } evidence { kind } }
    organisations { name role }
  }
}`;
export const SEARCH = `query Search($query: String!) {
  searchCustomers(query: $query, first: 10) { edges { score node { id profile { fullName { value } } } matchedOn { field how } } }
}`;

// The floors: each read as one statement, with none of the API's work (no auth, masking,
// audit, survivorship view or GraphQL), over the same indexes.
const LOOKUP_FLOOR = `
MATCH (i:Identifier {key: $key})<-[:HAS_IDENTIFIER]-(:SourceRecord)-[:BELONGS_TO]->(c:Customer)
RETURN DISTINCT c.id AS id, c.golden AS golden`;
const PROFILE_FLOOR = `
MATCH (c:Customer {id: $id})
CALL (c) {
  MATCH (c)<-[:BELONGS_TO]-(r:SourceRecord)
  OPTIONAL MATCH (r)-[:HAS_IDENTIFIER]->(i)
  RETURN collect(DISTINCT r.key) AS records, collect(DISTINCT i {.type, .value}) AS identifiers,
         collect(DISTINCT i) + collect(DISTINCT r) AS holders
}
CALL (c) {
  CALL (c) {
    MATCH (c)<-[:BELONGS_TO]-(:SourceRecord)-[:HAD]->(x:Interaction) RETURN x
    UNION
    MATCH (c)<-[:BELONGS_TO]-(:SourceRecord)-[:HAS_IDENTIFIER]->()-[:HAD]->(x:Interaction) RETURN x
  }
  WITH x ORDER BY x.occurredAt DESC LIMIT 21
  RETURN collect(x {.type, .occurredAt, .source}) AS timeline
}
OPTIONAL MATCH (c)-[:MEMBER_OF]->(h)
OPTIONAL MATCH (c)-[:AFFILIATED_WITH]->(o)
RETURN c.golden AS golden, records, identifiers, timeline,
       reduce(s = 0, x IN holders | s + coalesce(x.activityOrders, 0)) AS orders,
       collect(DISTINCT h.id) AS households, collect(DISTINCT o.name) AS organisations`;
const SEARCH_FLOOR = `
CALL db.index.fulltext.queryNodes('customer_search', $lucene, {limit: 50}) YIELD node, score
WHERE node.status = 'active'
RETURN node.id AS id, node.golden AS golden, score ORDER BY score DESC LIMIT 10`;

// ---------- what to ask for, sampled from the base ----------

export type Targets = { lookups: LoadRequest[]; lookupFloors: LoadRequest[]; profiles: LoadRequest[]; profileFloors: LoadRequest[]; searches: LoadRequest[]; searchFloors: LoadRequest[] };

/** A slip a caller or an agent makes: two neighbouring letters swapped. */
function typo(word: string, pick: number): string {
  if (word.length < 4) return word;
  const at = 1 + (pick % (word.length - 2));
  return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

/** The ways a caller gives an e-mail or a phone, each still the same identifier once normalized. */
function identifierVariant(type: string, value: string, n: number): { value: string; country: string | null } | null {
  if (type === 'email') {
    const [local, domain] = value.split('@');
    if (!local || !domain) return null;
    return { value: n % 2 === 0 ? `${local[0]!.toUpperCase()}${local.slice(1)}@${domain.toUpperCase()}` : ` ${value} `, country: null };
  }
  const phone = parsePhoneNumberFromString(value);
  if (!phone?.country) return null;
  return n % 3 === 0 ? { value: phone.formatNational(), country: phone.country } : n % 3 === 1 ? { value: phone.formatInternational(), country: null } : { value, country: null };
}

export async function sampleTargets(executor: GraphExecutor, samples: number): Promise<Targets> {
  const identifiers = await executor.readRows<{ key: string; type: string; value: string }>(
    `MATCH (i:Identifier) WHERE i.type IN ['email', 'phone'] AND i.value IS NOT NULL
     WITH i, rand() AS r ORDER BY r LIMIT $n RETURN i.key AS key, i.type AS type, i.value AS value`,
    { n: int(samples) },
  );
  const lookups: LoadRequest[] = [];
  const lookupFloors: LoadRequest[] = [];
  identifiers.forEach((i, n) => {
    const variant = identifierVariant(i.type, plainCodec.decode(i.value), n);
    if (!variant) return;
    lookups.push({ query: LOOKUP, variables: { type: i.type.toUpperCase(), value: variant.value, country: variant.country } });
    lookupFloors.push({ query: LOOKUP_FLOOR, variables: { key: i.key } });
  });
  const customers = await executor.readRows<{ id: string; golden: string | null }>(
    `MATCH (c:Customer) WHERE c.status = 'active' WITH c, rand() AS r ORDER BY r LIMIT $n RETURN c.id AS id, c.golden AS golden`,
    { n: int(samples) },
  );
  const profiles = customers.map((c) => ({ query: PROFILE, variables: { id: c.id } }));
  const profileFloors = customers.map((c) => ({ query: PROFILE_FLOOR, variables: { id: c.id } }));
  const searches: LoadRequest[] = [];
  const searchFloors: LoadRequest[] = [];
  customers.forEach((c, n) => {
    const name = nameOf(c.golden);
    if (!name) return;
    const query = n % 2 === 0 ? `${name.given} ${typo(name.family, n)}` : `${name.given} ${name.family}`;
    searches.push({ query: SEARCH, variables: { query } });
    const lucene = planSearch({ query }, plainCodec).lucene;
    if (lucene) searchFloors.push({ query: SEARCH_FLOOR, variables: { lucene } });
  });
  return { lookups, lookupFloors, profiles, profileFloors, searches, searchFloors };
}

/** Given and family name of a stored golden record (its JSON), through the codec. */
function nameOf(golden: string | null): { given: string; family: string } | null {
  if (!golden) return null;
  const attributes = (JSON.parse(plainCodec.decode(golden)) as { attributes?: Record<string, { value?: unknown }> }).attributes ?? {};
  const [given, family] = [attributes.givenName?.value, attributes.familyName?.value];
  return typeof given === 'string' && typeof family === 'string' && given && family ? { given, family } : null;
}
