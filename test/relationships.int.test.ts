import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultRelationshipSettings, type RelationshipSettings } from '../src/relationships/relationships.service.ts';
import { CRM, customerOfRecord, graphqlAs, ingestRows, resetWithGoldenSources, type GoldenRow } from './support/golden-sources.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';

const steward = bearer('steward-1', 'steward');
const HOUSEHOLD = 'household { id members { id } evidence { kind value records } }';
type Household = { id: string; members: Array<{ id: string }>; evidence: Array<{ kind: string; value: string; records: string[] }> } | null;
type Graph = { nodes: Array<{ id: string; kind: string; label: string; hub: boolean; ref: string | null }>; edges: Array<{ from: string; to: string; kind: string }>; truncated: boolean };
const GRAPH = 'nodes { id kind label hub ref } edges { from to kind } truncated';
const key = (id: string) => `${CRM.name}|${id}`;

describe('households, organisations and the identity graph', () => {
  let app: TestApp;
  // Kept by reference: a test lowers the node limit; hubs are small so a hub costs four rows.
  const settings: RelationshipSettings = { ...defaultRelationshipSettings(), hubLimit: 3 };
  const gql = graphqlAs(() => app, steward);
  const row = (id: string, given: string, family: string, extra: Partial<GoldenRow> = {}): GoldenRow => ({ id, given, family, email: `${given}.${family}@example.com`.toLowerCase(), ...extra });
  const at12 = { street: '12 Quillfeather Lane', city: 'London', postcode: 'SW1A 1AA' };
  const customerOf = async (id: string) => (await customerOfRecord(app, CRM.name, id))!;
  const householdOf = async (customerId: string, headers = steward) => (await gql<{ customer: { household: Household } }>(`query($id: ID!) { customer(id: $id) { ${HOUSEHOLD} } }`, { id: customerId }, headers)).customer.household;
  const graph = async (customerId: string, depth: number, headers = steward) =>
    (await gql<{ identityGraph: Graph }>(`query($id: ID!, $d: Int) { identityGraph(customerId: $id, depth: $d) { ${GRAPH} } }`, { id: customerId, d: depth }, headers)).identityGraph;
  const members = (h: Household) => (h?.members.map((m) => m.id) ?? []).sort();

  beforeAll(async () => {
    app = await startTestApp({ serviceOptions: { relationships: settings } });
  });
  beforeEach(async () => {
    settings.nodeLimit = defaultRelationshipSettings().nodeLimit;
    await resetWithGoldenSources(app);
  });
  afterAll(async () => app.stop());

  it('two people at one address (different names and e-mails) form one household with ADDRESS evidence and stay two customers', async () => {
    await ingestRows(app, CRM.name, [row('h1', 'Ada', 'Fernwright', at12), row('h2', 'Cyrus', 'Oakbridge', { ...at12, street: '12 Quillfeather Ln' })]);
    const [a, b] = [await customerOf('h1'), await customerOf('h2')];
    expect(a).not.toBe(b);
    const household = await householdOf(a);
    expect(members(household)).toEqual([a, b].sort());
    expect(household!.evidence).toEqual([{ kind: 'ADDRESS', value: '12 Quillfeather Lane, London, SW1A 1AA, GB', records: [key('h1'), key('h2')] }]);
    expect((await householdOf(b))!.id).toBe(household!.id);
    expect(household!.id).not.toMatch(/quillfeather/i);
  });

  it('a shared landline makes a household; a shared mobile does not', async () => {
    await ingestRows(app, CRM.name, [
      row('l1', 'Ada', 'Fernwright', { phone: '020 7946 0018' }),
      row('l2', 'Cyrus', 'Oakbridge', { phone: '+44 20 7946 0018' }),
      row('m1', 'Bertha', 'Quill', { phone: '07911 123456' }),
      row('m2', 'Dmitri', 'Larch', { phone: '07911 123456' }),
    ]);
    const [l1, l2, m1, m2] = [await customerOf('l1'), await customerOf('l2'), await customerOf('m1'), await customerOf('m2')];
    expect(new Set([l1, l2, m1, m2]).size).toBe(4);
    const household = await householdOf(l1);
    expect(members(household)).toEqual([l1, l2].sort());
    expect(household!.evidence).toEqual([{ kind: 'LANDLINE', value: '+442079460018', records: [key('l1'), key('l2')] }]);
    expect(await householdOf(m1)).toBeNull();
    expect(await householdOf(m2)).toBeNull();
  });

  it('a hub address (more customers than the hub bound) makes no household', async () => {
    const office = { street: '1 Office Park', city: 'Leeds', postcode: 'LS1 4AP' };
    await ingestRows(app, CRM.name, [row('o1', 'Ada', 'Fernwright', office), row('o2', 'Cyrus', 'Oakbridge', office), row('o3', 'Bertha', 'Quill', office)]);
    // Three is a household (the bound here is 3) ...
    expect(members(await householdOf(await customerOf('o1')))).toHaveLength(3);
    await ingestRows(app, CRM.name, [row('o4', 'Dmitri', 'Larch', office)]);
    // ... four is an office.
    for (const id of ['o1', 'o2', 'o3', 'o4']) expect(await householdOf(await customerOf(id))).toBeNull();
  });

  it('a member who moves (a newer record with another address) leaves the household', async () => {
    await ingestRows(app, CRM.name, [row('v1', 'Ada', 'Fernwright', at12), row('v2', 'Cyrus', 'Oakbridge', at12)]);
    const [a, b] = [await customerOf('v1'), await customerOf('v2')];
    expect(members(await householdOf(a))).toEqual([a, b].sort());
    await ingestRows(app, CRM.name, [row('v2', 'Cyrus', 'Oakbridge', { street: '7 Elsewhere Road', city: 'York', postcode: 'YO1 7HH', updated: '2024-02-01T00:00:00Z' })]);
    expect(await customerOf('v2')).toBe(b);
    expect(await householdOf(a)).toBeNull();
    expect(await householdOf(b)).toBeNull();
    const left = await app.executor.readRows<{ n: number }>('MATCH (h:Household) RETURN count(h) AS n');
    expect(Number(left[0]!.n)).toBe(2); // one node per address, each with one customer
  });

  it('follows merges (the survivor keeps one membership) and splits (the split-off customer is a member again)', async () => {
    await ingestRows(app, CRM.name, [row('s1', 'Ada', 'Fernwright', at12), row('s2', 'Cyrus', 'Oakbridge', at12), row('s3', 'Bertha', 'Quill', at12)]);
    const [a, b, c] = [await customerOf('s1'), await customerOf('s2'), await customerOf('s3')];
    expect(members(await householdOf(a))).toEqual([a, b, c].sort());
    const merged = (await gql<{ mergeCustomers: { survivor: { id: string }; mergedAway: string } }>('mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "same person") { survivor { id } mergedAway } }', { a, b })).mergeCustomers;
    const survivor = merged.survivor.id;
    const after = await householdOf(survivor);
    expect(members(after)).toEqual([survivor, c].sort());
    expect(after!.evidence[0]!.records).toEqual([key('s1'), key('s2'), key('s3')]);
    const edges = await app.executor.readRows<{ n: number }>('MATCH (:Customer {id: $id})-[m:MEMBER_OF]->(:Household) RETURN count(m) AS n', { id: survivor });
    expect(Number(edges[0]!.n)).toBe(1);
    const away = await app.executor.readRows<{ n: number }>('MATCH (:Customer {id: $id})-[m:MEMBER_OF]->() RETURN count(m) AS n', { id: merged.mergedAway });
    expect(Number(away[0]!.n)).toBe(0);

    const movedRecord = merged.mergedAway === a ? 's1' : 's2';
    await gql('mutation($id: ID!, $r: [RecordRef!]!) { splitCustomer(customerId: $id, records: $r, reason: "two people") { eventIds } }', { id: survivor, r: [{ source: CRM.name, sourceRecordId: movedRecord }] });
    const splitOff = await customerOf(movedRecord);
    expect(splitOff).not.toBe(survivor);
    expect(members(await householdOf(survivor))).toEqual([survivor, c, splitOff].sort());
  });

  it('organisations from a billing account and a CRM contact, with their role and source', async () => {
    const billing = await app.graphql<{ ingestRecord: { stored: number } }>('mutation($p: JSON!) { ingestRecord(source: "billing", record: $p) { stored } }', {
      p: { type: 'account', account_number: 'ACC-55501', first_name: 'Hedda', last_name: 'Marlowe', company_name: 'Marlowe Instruments Ltd', billing_email: 'hedda@example.com', updated_at: '2024-03-06T09:00:00Z' },
    });
    expect(billing.body.errors).toBeUndefined();
    const crm = await app.graphql('mutation($p: JSON!) { ingestRecord(source: "crm", record: $p) { stored } }', {
      p: { Id: '0035g00000OrgAAAAA', FirstName: 'Ivo', LastName: 'Brandt', Email: 'ivo.brandt@example.org', Account: { Name: 'Marlowe Instruments Limited' }, LastModifiedDate: '2024-03-05T14:22:10.000+0000' },
    });
    expect(crm.body.errors).toBeUndefined();
    const hedda = (await customerOfRecord(app, 'billing', 'ACC-55501'))!;
    const ivo = (await customerOfRecord(app, 'crm', '0035g00000OrgAAAAA'))!;
    const orgs = async (id: string) => (await gql<{ customer: { organisations: Array<{ id: string; name: string; role: string; sources: string[] }> } }>('query($id: ID!) { customer(id: $id) { organisations { id name role sources } } }', { id })).customer.organisations;
    const [held] = await orgs(hedda);
    const [employer] = await orgs(ivo);
    expect(held).toEqual({ id: expect.stringMatching(/^org_/), name: 'Marlowe Instruments Ltd', role: 'ACCOUNT_HOLDER', sources: ['billing'] });
    expect(employer).toMatchObject({ id: held!.id, role: 'EMPLOYER', sources: ['crm'] });
    const drawn = await graph(hedda, 1);
    expect(drawn.nodes.filter((n) => n.kind === 'ORGANISATION').map((n) => n.label)).toEqual(['Marlowe Instruments Ltd']);
    expect(drawn.nodes.map((n) => n.ref)).toContain(ivo);
  });

  it('identityGraph: depth 1 and 2, masked for an agent, a merged-away id redirects, truncated at the node limit, depth 4 refused', async () => {
    await ingestRows(app, CRM.name, [row('g1', 'Ada', 'Fernwright', at12), row('g2', 'Cyrus', 'Oakbridge', at12), row('g3', 'Ada', 'Fernwright', { email: 'ada.f@example.org' })]);
    const [a, b, a2] = [await customerOf('g1'), await customerOf('g2'), await customerOf('g3')];
    const one = await graph(a, 1);
    expect(new Set(one.nodes.map((n) => n.kind))).toEqual(new Set(['CUSTOMER', 'SOURCE_RECORD', 'IDENTIFIER', 'HOUSEHOLD']));
    expect(one.nodes.filter((n) => n.kind === 'CUSTOMER').map((n) => n.ref).sort()).toEqual([a, b].sort());
    expect(one.nodes.map((n) => n.label)).toContain('email: ada.fernwright@example.com');
    expect(one.nodes.map((n) => n.label)).not.toContain('email: cyrus.oakbridge@example.com');
    expect(one.edges).toContainEqual({ from: `customer:${b}`, to: expect.stringMatching(/^household:hh_/), kind: 'MEMBER_OF' });
    expect(one.truncated).toBe(false);
    for (const edge of one.edges) expect(one.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([edge.from, edge.to]));

    const two = await graph(a, 2);
    expect(two.nodes.map((n) => n.label)).toContain('email: cyrus.oakbridge@example.com');
    expect(two.nodes.map((n) => n.ref)).toContain(key('g2'));

    const agent = bearer('agent-1', 'agent');
    const masked = await graph(a, 1, agent);
    const labels = masked.nodes.map((n) => n.label).join(' ');
    expect(labels).toContain('email: a***@example.com');
    expect(labels).not.toMatch(/fernwright@|quillfeather/i);

    // A merge: the merged-away id answers with the survivor's graph, which shows the merge.
    const merged = (await gql<{ mergeCustomers: { survivor: { id: string }; mergedAway: string } }>('mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "same person") { survivor { id } mergedAway } }', { a, b: a2 })).mergeCustomers;
    const redirected = await graph(merged.mergedAway, 1);
    expect(redirected.nodes[0]).toMatchObject({ kind: 'CUSTOMER', ref: merged.survivor.id });
    expect(redirected.nodes.map((n) => n.kind)).toContain('LINEAGE_EVENT');
    expect(redirected.edges).toContainEqual({ from: `customer:${merged.mergedAway}`, to: `customer:${merged.survivor.id}`, kind: 'MERGED_INTO' });

    settings.nodeLimit = 3;
    const cut = await graph(merged.survivor.id, 2);
    expect(cut.truncated).toBe(true);
    expect(cut.nodes).toHaveLength(3);

    for (const depth of [0, 4]) {
      const refused = await app.graphql('query($id: ID!, $d: Int) { identityGraph(customerId: $id, depth: $d) { truncated } }', { id: a, d: depth }, steward);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['depth'] });
    }
    const marketer = await app.graphql('query($id: ID!) { identityGraph(customerId: $id) { truncated } }', { id: a }, bearer('m-1', 'marketer'));
    expect(marketer.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
