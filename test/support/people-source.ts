import type { TestApp } from './test-app.ts';

/** A user-defined source whose flat rows map one to one onto the canonical person. */
export const peopleMapping = {
  name: 'people',
  priority: 50,
  defaultCountry: 'GB',
  recordId: { from: 'id' },
  updatedAt: { from: 'updated' },
  fields: [
    { to: 'name.given', from: 'given' },
    { to: 'name.family', from: 'family' },
    { to: 'email', from: 'email' },
    { to: 'phone', from: 'phone' },
    { to: 'dateOfBirth', from: 'dob' },
    { to: 'address.lines', from: 'street' },
    { to: 'address.city', from: 'city' },
    { to: 'address.postcode', from: 'postcode' },
    { to: 'identifier.national_id', from: 'nationalId' },
  ],
};

export type PersonRow = {
  id: string;
  given?: string;
  family?: string;
  email?: string;
  phone?: string;
  dob?: string;
  street?: string;
  city?: string;
  postcode?: string;
  nationalId?: string;
  updated?: string;
};

export async function registerPeople(app: TestApp): Promise<void> {
  const res = await app.graphql('mutation($m: JSON!) { registerSource(input: { name: "people", mapping: $m }) { name } }', { m: peopleMapping });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
}

export async function ingestPeople(app: TestApp, rows: PersonRow[]): Promise<void> {
  const res = await app.graphql<{ ingestBatch: { rejected: unknown[] } }>(
    'mutation($r: [JSON!]!) { ingestBatch(source: "people", records: $r) { rejected { position field reason } } }',
    { r: rows.map((row) => ({ updated: '2024-01-01T00:00:00Z', ...row })) },
  );
  if (res.body.errors || res.body.data?.ingestBatch.rejected.length) throw new Error(JSON.stringify(res.body));
}

/** The customer id of each record, by record id. */
export async function customersOf(app: TestApp, ids: string[]): Promise<Record<string, string | null>> {
  const rows = await app.executor.readRows<{ id: string; customer: string | null }>(
    "UNWIND $ids AS id OPTIONAL MATCH (:SourceRecord {key: 'people|' + id})-[:BELONGS_TO]->(c:Customer) RETURN id, c.id AS customer",
    { ids },
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.customer]));
}
