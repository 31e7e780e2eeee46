import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM, customerOfRecord, ingestRows, resetWithGoldenSources } from './support/golden-sources.ts';
import { countQueries } from './support/query-counter.ts';
import { anonymous, bearer, startTestApp, type TestApp } from './support/test-app.ts';

type Edge = { cursor: string; score: number; node: { id: string }; matchedOn: Array<{ field: string; how: string }> };
type Page = { searchCustomers: { edges: Edge[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

const agent = bearer('lookup-agent', 'agent');
const BY_IDENTIFIER = 'query($t: IdentifierType!, $v: String!, $c: String) { customerByIdentifier(type: $t, value: $v, country: $c) { id requestedId } }';
const SEARCH = `query($q: String, $f: CustomerSearchFilter, $first: Int, $after: String) {
  searchCustomers(query: $q, filter: $f, first: $first, after: $after) {
    edges { cursor score node { id } matchedOn { field how } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('reading a customer by identifier and by search', () => {
  let app: TestApp;
  const id: Record<string, string> = {};

  const lookup = async (type: string, value: string, country?: string, headers = agent) => {
    const res = await app.graphql<{ customerByIdentifier: { id: string; requestedId: string } | null }>(BY_IDENTIFIER, { t: type, v: value, c: country ?? null }, headers);
    return res.body;
  };
  const search = async (variables: Record<string, unknown>, headers = agent) => (await app.graphql<Page>(SEARCH, variables, headers)).body;

  beforeAll(async () => {
    // One shared phone makes two customers' hub: resolution links by nothing held by more than one record.
    app = await startTestApp({ serviceOptions: { hubDegree: 1 } });
    await resetWithGoldenSources(app);
    await ingestRows(app, CRM.name, [
      { id: 'jane', given: 'Jane', family: 'Smith', email: 'Jane.Doe+promo@Gmail.com', phone: '020 7946 0018', dob: '1985-03-12', street: '1 High St', city: 'London', postcode: 'SW1A 1AA' },
      { id: 'john', given: 'John', family: 'Smith', email: 'john.smith@example.com', phone: '020 7946 0019', dob: '1990-07-01', street: '1 High St', city: 'London', postcode: 'SW1A 1AA' },
      { id: 'jdoe', given: 'Jane', family: 'Doe', email: 'jane.doe@example.org', phone: '0113 496 0000', street: '9 Park Row', city: 'Leeds', postcode: 'LS1 4AP' },
      { id: 'jkhan', given: 'Jane', family: 'Khan', email: 'jane.khan@example.org', street: '3 Low Rd', city: 'York', postcode: 'YO1 7HH' },
      { id: 'jbond', given: 'Janet', family: 'Bond', email: 'janet.bond@example.org', postcode: 'YO1 7HJ', city: 'York' },
      { id: 'omar', given: 'Omar', family: 'Haddad', email: 'omar@example.net', phone: '0161 496 0999' },
      { id: 'lena', given: 'Lena', family: 'Okafor', email: 'lena@example.net', phone: '0161 496 0999' },
      { id: 'ada', given: 'Ada', family: 'Lovelace', email: 'ada@example.com' },
      { id: 'byron', given: 'Augusta', family: 'Byron', email: 'augusta@example.com' },
    ]);
    for (const key of ['jane', 'john', 'jdoe', 'jkhan', 'jbond', 'omar', 'lena', 'ada', 'byron']) id[key] = (await customerOfRecord(app, CRM.name, key))!;
    expect(new Set(Object.values(id)).size).toBe(9);
  });
  afterAll(async () => app.stop());

  it('finds a customer by a phone in three written forms and an e-mail in two, normalized as ingestion normalizes them', async () => {
    for (const [value, country] of [['+44 20 7946 0018'], ['020 7946 0018', 'GB'], ['(020) 7946-0018', 'gb']] as const) {
      expect(await lookup('PHONE', value, country)).toEqual({ data: { customerByIdentifier: { id: id['jane'], requestedId: id['jane'] } } });
    }
    for (const value of ['Jane.Doe+promo@Gmail.com', ' JANEDOE@googlemail.com ']) {
      expect((await lookup('EMAIL', value)).data?.customerByIdentifier?.id).toBe(id['jane']);
    }
  });

  it('reads a national phone without a country in the sources\' default countries, and says when it cannot be read', async () => {
    expect((await lookup('PHONE', '020 7946 0018')).data?.customerByIdentifier?.id).toBe(id['jane']);
    const garbled = await lookup('PHONE', '12');
    expect(garbled.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['value'] });
    expect(garbled.errors?.[0]?.message).not.toContain('12');
  });

  it("answers a merged-away customer's identifier with the survivor", async () => {
    const merged = await app.graphql<{ mergeCustomers: { survivor: { id: string }; mergedAway: string } }>(
      'mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "same person") { survivor { id } mergedAway } }',
      { a: id['ada'], b: id['byron'] },
    );
    const { survivor, mergedAway } = merged.body.data!.mergeCustomers;
    expect(mergedAway).not.toBe(survivor.id);
    const awaysEmail = mergedAway === id['byron'] ? 'augusta@example.com' : 'ada@example.com';
    expect((await lookup('EMAIL', awaysEmail)).data?.customerByIdentifier?.id).toBe(survivor.id);
    // Its golden record left the index with it: a search for its old name finds the survivor only.
    const byName = await search({ q: mergedAway === id['byron'] ? 'Byron' : 'Lovelace' });
    expect(byName.data!.searchCustomers.edges.map((e) => e.node.id)).toEqual([survivor.id]);
  });

  it('answers null for an identifier nobody holds', async () => {
    expect(await lookup('EMAIL', 'nobody@example.com')).toEqual({ data: { customerByIdentifier: null } });
    expect(await lookup('LOYALTY_NUMBER', 'LC-000 000')).toEqual({ data: { customerByIdentifier: null } });
  });

  it('lists every holder of a shared identifier, says it is a hub, and refuses to pick one', async () => {
    const all = await app.graphql<{ customersByIdentifier: { customers: Array<{ id: string }>; customerCount: number; recordCount: number; hub: boolean } }>(
      'query { customersByIdentifier(type: PHONE, value: "+44 161 496 0999") { customers { id } customerCount recordCount hub } }',
      {},
      agent,
    );
    expect(all.body.data!.customersByIdentifier).toEqual({ customers: [id['omar'], id['lena']].sort().map((c) => ({ id: c })), customerCount: 2, recordCount: 2, hub: true });
    const one = await lookup('PHONE', '+44 161 496 0999');
    expect(one.errors?.[0]?.extensions?.['code']).toBe('AMBIGUOUS');
    expect(one.errors?.[0]?.message).toMatch(/^2 customers hold this identifier/);
  });

  it('audits a lookup as a personal read of the customer it found', async () => {
    const res = await app.graphql(BY_IDENTIFIER, { t: 'EMAIL', v: 'john.smith@example.com' }, agent);
    expect(res.body.errors).toBeUndefined();
    const trail = await app.graphql<{ auditTrail: Array<{ requestId: string; customerIds: string[]; fields: string[] }> }>(
      'query($id: ID!) { auditTrail(customerId: $id, operations: [READ_PROFILE], first: 100) { requestId customerIds fields } }',
      { id: id['john'] },
      bearer('lookup-auditor', 'auditor'),
    );
    const entry = trail.body.data!.auditTrail.find((e) => e.requestId === res.headers.get('x-request-id'));
    expect(entry).toMatchObject({ customerIds: [id['john']], fields: ['Query.customerByIdentifier'] });
  });

  it('answers a lookup with its profile in three round trips: the identifier, the customer with its golden record, the audit entry; a phone without a country too', async () => {
    const counter = countQueries(app.executor);
    try {
      const res = await app.graphql<{ customerByIdentifier: { id: string; profile: { fullName: { value: string } } } }>(
        'query($v: String!) { customerByIdentifier(type: EMAIL, value: $v) { id profile { fullName { value } } } }',
        { v: 'jane.khan@example.org' },
        agent,
      );
      expect(res.body.data?.customerByIdentifier).toEqual({ id: id['jkhan'], profile: { fullName: { value: 'Jane Khan' } } });
      expect(counter.counts).toEqual({ transactions: 3, queries: 3 });
      // A national phone without a country is read in the sources' countries, kept for a while: no fourth round trip each time.
      await lookup('PHONE', '0113 496 0000');
      counter.reset();
      expect((await lookup('PHONE', '0113 496 0000')).data?.customerByIdentifier?.id).toBe(id['jdoe']);
      expect(counter.counts.transactions).toBe(3);
    } finally {
      counter.stop();
    }
  });

  it('finds the person first despite a typo in the family name, and says why each result matched', async () => {
    const { edges } = (await search({ q: 'Jane Smyth' })).data!.searchCustomers;
    expect(edges[0]!.node.id).toBe(id['jane']);
    expect(edges[0]!.matchedOn).toEqual([
      { field: 'NAME', how: 'EXACT' },
      { field: 'NAME', how: 'FUZZY' },
    ]);
    expect(edges[0]!.score).toBeGreaterThan(edges[1]!.score);
    // The other Janes match on the given name only, ranked below.
    expect(edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([id['jdoe'], id['jkhan']]));
  });

  it('narrows by filters', async () => {
    const ids = async (variables: Record<string, unknown>) => (await search(variables)).data!.searchCustomers.edges.map((e) => e.node.id).sort();
    expect(await ids({ q: 'smith', f: { postcode: 'sw1a1aa' } })).toEqual([id['jane'], id['john']].sort());
    expect(await ids({ q: 'smith', f: { dateOfBirth: '1985-03-12' } })).toEqual([id['jane']]);
    expect(await ids({ f: { name: 'jane', postcode: 'SW1A 1AA' } })).toEqual([id['jane']]);
    expect(await ids({ f: { email: 'janedoe@gmail.com' } })).toEqual([id['jane']]);
    expect(await ids({ q: 'jane', f: { phone: '0113 496 0000' } })).toEqual([id['jdoe']]);
    const matched = (await search({ q: 'smith', f: { postcode: 'SW1A1AA', dateOfBirth: '1985-03-12' } })).data!.searchCustomers.edges[0]!.matchedOn;
    expect(matched).toEqual([
      { field: 'NAME', how: 'EXACT' },
      { field: 'POSTCODE', how: 'EXACT' },
      { field: 'DATE_OF_BIRTH', how: 'EXACT' },
    ]);
  });

  it('pages with after: the next page continues without repeats', async () => {
    // Stored name tokens are keyed hashes (equality only), so 'jane' alone finds the three Janes
    // and not Janet; 'jane smith' adds John Smith, for pages of two across ties of score.
    const q = 'jane smith';
    const all = (await search({ q, first: 50 })).data!.searchCustomers.edges.map((e) => e.node.id);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: Page['searchCustomers'] = (await search({ q, first: 2, after })).data!.searchCustomers;
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await search({ q: 'jane', first: 51 })).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect((await search({ q: 'jane', after: 'bogus' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['after'] });
  });

  it('treats hostile strings as plain words: no INTERNAL error, never everyone', async () => {
    const customers = Object.keys(id).length;
    for (const q of ['"', '*', '~', '\\', '(', 'AND OR NOT', '*:*', 'jane OR *', 'smith~10 AND "x', ') OR searchNames:*', 'a'.repeat(199), 'j'.repeat(500)]) {
      const body = await search({ q });
      const code = body.errors?.[0]?.extensions?.['code'];
      if (code !== undefined) expect(code).toBe('BAD_USER_INPUT');
      else expect(body.data!.searchCustomers.edges.length).toBeLessThan(customers);
    }
    for (const f of [{ postcode: '*' }, { name: '"(' }, { dateOfBirth: 'AND' }]) expect((await search({ f })).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('masks contact details in results for an agent, as customer(id) does', async () => {
    const res = await app.graphql<{ searchCustomers: { edges: Array<{ node: { profile: { familyName: { value: string }; emails: Array<{ value: string }>; phones: Array<{ value: string }> } } }> } }>(
      'query { searchCustomers(query: "Jane Smyth", first: 1) { edges { node { profile { familyName { value } emails { value } phones { value } } } } } }',
      {},
      agent,
    );
    const profile = res.body.data!.searchCustomers.edges[0]!.node.profile;
    expect(profile.familyName.value).toBe('Smith');
    expect(JSON.stringify(profile.emails)).not.toContain('janedoe@gmail.com');
    expect(profile.emails[0]!.value).toMatch(/\*/);
    expect(profile.phones[0]!.value).not.toContain('79460018');
  });

  it('refuses unauthenticated callers, and search to marketers', async () => {
    const refused = await app.graphql(SEARCH, { q: 'jane' }, anonymous);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect((await app.graphql(BY_IDENTIFIER, { t: 'EMAIL', v: 'ada@example.com' }, anonymous)).status).toBe(401);
    expect((await search({ q: 'jane' }, bearer('lookup-marketer', 'marketer'))).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
