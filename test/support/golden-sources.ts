import { defaultModel } from '../../src/match/default-model.ts';
import { createServices, seedReferenceData } from '../../src/services.ts';
import { peopleMapping, type PersonRow } from './people-source.ts';
import { emptyDatabase, type TestApp } from './test-app.ts';

/** Two user-defined sources of the same flat people rows, trusted differently: a CRM and a ledger (the legal-name source). */
export const CRM = { name: 'crm2', priority: 60 };
export const LEDGER = { name: 'ledger', priority: 80 };

export type GoldenRow = PersonRow & { customerNo?: string; taxId?: string };

export async function registerGoldenSources(app: TestApp): Promise<void> {
  for (const source of [CRM, LEDGER]) {
    const mapping = {
      ...peopleMapping,
      name: source.name,
      priority: source.priority,
      fields: [...peopleMapping.fields, { to: 'identifier.customer_number', from: 'customerNo' }, { to: 'identifier.tax_id', from: 'taxId' }],
    };
    const res = await app.graphql('mutation($n: String!, $m: JSON!) { registerSource(input: { name: $n, mapping: $m }) { name } }', { n: source.name, m: mapping });
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  }
}

/** As `resetWithGoldenSources`, with the process back on the shipped model (for tests that swap models). */
export async function resetWithShippedModel(app: TestApp): Promise<void> {
  app.services.resolution.use({ model: defaultModel() });
  await resetWithGoldenSources(app);
}

/** An emptied database with the built-in sources and the two golden test sources: each test's start. */
export async function resetWithGoldenSources(app: TestApp): Promise<void> {
  await emptyDatabase(app.driver);
  await seedReferenceData(createServices(app.executor));
  await registerGoldenSources(app);
}

/** A GraphQL call that throws on any error, as the given caller by default. */
export const graphqlAs =
  (app: () => TestApp, caller: Record<string, string>) =>
  async <D>(query: string, variables: Record<string, unknown> = {}, headers = caller): Promise<D> => {
    const res = await app().graphql<D>(query, variables, headers);
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!;
  };

export async function ingestRows(app: TestApp, source: string, rows: GoldenRow[], headers: Record<string, string> = {}): Promise<void> {
  const res = await app.graphql<{ ingestBatch: { rejected: unknown[] } }>(
    'mutation($s: String!, $r: [JSON!]!) { ingestBatch(source: $s, records: $r) { rejected { position field reason } } }',
    { s: source, r: rows.map((row) => ({ updated: '2024-01-01T00:00:00Z', ...row })) },
    headers,
  );
  if (res.body.errors || res.body.data?.ingestBatch.rejected.length) throw new Error(JSON.stringify(res.body));
}

export const PROVENANCE = 'from { source sourceRecordId sourceUpdatedAt }';
export const PROFILE = `profile {
  givenName { value rule candidates ${PROVENANCE} }
  familyName { value rule candidates ${PROVENANCE} }
  dateOfBirth { value rule ${PROVENANCE} }
  emails { value preferred rule sources { source sourceRecordId } }
  phones { value preferred rule sources { source sourceRecordId } firstSeen lastSeen }
  addresses { value preferred postcode }
  legalNames { type value sources { source sourceRecordId } }
  identifiers { type value sources { source sourceRecordId } }
  recordCount
}`;

export type Provenance = { source: string; sourceRecordId: string; sourceUpdatedAt: string | null };
export type GoldenValue = { value: string; rule: string; candidates?: number; from: Provenance | null };
export type ListValue = { value: string; preferred: boolean; rule: string | null; sources: Array<{ source: string; sourceRecordId: string }> };
export type Profile = {
  givenName: GoldenValue | null;
  familyName: GoldenValue | null;
  dateOfBirth: GoldenValue | null;
  emails: ListValue[];
  phones: ListValue[];
  addresses: Array<{ value: string; preferred: boolean; postcode: string | null }>;
  legalNames: Array<{ type: string; value: string; sources: Array<{ source: string; sourceRecordId: string }> }>;
  identifiers: Array<{ type: string; value: string; sources: Array<{ source: string; sourceRecordId: string }> }>;
  recordCount: number;
};
export type CustomerView = { id: string; requestedId: string; redirected: boolean; status: string; profile: Profile | null };

export async function customerView(app: TestApp, id: string, headers: Record<string, string> = {}): Promise<CustomerView | null> {
  const res = await app.graphql<{ customer: CustomerView | null }>(`query($id: ID!) { customer(id: $id) { id requestedId redirected status ${PROFILE} } }`, { id }, headers);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data!.customer;
}

/** The customer id of each record, by source and record id. */
export async function customerOfRecord(app: TestApp, source: string, id: string): Promise<string | null> {
  const [row] = await app.executor.readRows<{ customer: string | null }>(
    'OPTIONAL MATCH (:SourceRecord {key: $key})-[:BELONGS_TO]->(c:Customer) RETURN c.id AS customer',
    { key: `${source}|${id}` },
  );
  return row?.customer ?? null;
}
