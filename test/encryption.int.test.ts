import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainCodec, type ValueCodec } from '../src/privacy/codec.ts';
import { encryptingCodec, keyRing } from '../src/privacy/encrypting-codec.ts';
import { CRM, customerOfRecord, ingestRows, resetWithGoldenSources, type GoldenRow } from './support/golden-sources.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';

// Field-level encryption end to end: values through the codec are AES-256-GCM, identifiers
// are found by a keyed hash, and every value derived from a personal one (blocking and
// term-frequency keys, search tokens, segment properties, household keys) is a keyed hash
// too. Matching, search and segments still answer as they do with the plain codec.
const steward = bearer('enc-steward', 'steward');
const marketer = bearer('enc-marketer', 'marketer');

const ROWS: GoldenRow[] = [
  { id: 'e1', given: 'Philippa', family: 'Quennell', email: 'Philippa.Quennell@Example.com', phone: '+44 20 7946 0461', dob: '1979-04-02', street: '7 Larkspur Lane', city: 'Harrogate', postcode: 'HG1 2AB', customerNo: 'CN-48213' },
  { id: 'e2', given: 'Philippa', family: 'Quennell', email: 'philippa.quennell@example.com', dob: '1979-04-02' },
  // Share no identifier: only blocking keys find them, only the model links them, term frequencies included.
  { id: 'f1', given: 'Bartholomew', family: 'Featherstonehaugh', dob: '1966-07-21', street: '14 Wrenfield Close', city: 'Leeds', postcode: 'LS6 2QT' },
  { id: 'f2', given: 'Bartholemew', family: 'Featherstonhaugh', dob: '1966-07-21', street: '14 Wrenfield Cl', city: 'Leeds', postcode: 'LS6 2QT' },
  // Alike in name only: reviewed or kept apart, as the model decides.
  { id: 'g1', given: 'Ottoline', family: 'Marchbanks', dob: '1980-01-15', city: 'York', postcode: 'YO1 7HH' },
  { id: 'g2', given: 'Ottoline', family: 'Marchbanks', dob: '1980-01-15', city: 'Bristol', postcode: 'BS1 4DJ' },
];

type Outcome = { together: Record<string, boolean>; evidence: Record<string, { decision: string; probability: number; blockedBy: string } | null> };

/** Which pairs resolution put together and what it stored for them: what must not depend on the codec. */
async function outcomeOf(app: TestApp): Promise<Outcome> {
  const pairs = [['e1', 'e2'], ['f1', 'f2'], ['g1', 'g2'], ['e1', 'f1']] as const;
  const together: Record<string, boolean> = {};
  const evidence: Outcome['evidence'] = {};
  for (const [a, b] of pairs) {
    together[`${a}+${b}`] = (await customerOfRecord(app, CRM.name, a)) === (await customerOfRecord(app, CRM.name, b));
    const [row] = await app.executor.readRows<{ decision: string; probability: number; blockedBy: string }>(
      'MATCH (:SourceRecord {key: $a})-[m:MATCHED]-(:SourceRecord {key: $b}) RETURN m.decision AS decision, m.probability AS probability, m.blockedBy AS blockedBy',
      { a: `${CRM.name}|${a}`, b: `${CRM.name}|${b}` },
    );
    evidence[`${a}+${b}`] = row ?? null;
  }
  return { together, evidence };
}

async function startWith(codec: ValueCodec): Promise<TestApp> {
  const app = await startTestApp({ serviceOptions: { codec } });
  await resetWithGoldenSources(app);
  await ingestRows(app, CRM.name, ROWS);
  return app;
}

describe('with the encrypting codec', () => {
  let app: TestApp;
  let plain: Outcome;
  const ring = keyRing('k1', new Map([['k1', randomBytes(32)]]), randomBytes(32));
  const codec = encryptingCodec(ring);
  const gql = async <D>(query: string, variables: Record<string, unknown>, headers = steward) => {
    const res = await app.graphql<D>(query, variables, headers);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!;
  };

  beforeAll(async () => {
    // The same records with the plain codec first: the outcome encryption must not change.
    const before = await startWith(plainCodec);
    plain = await outcomeOf(before);
    await before.stop();
    app = await startWith(codec);
  }, 120_000);
  afterAll(async () => app?.stop());

  it('resolves deterministic and probabilistic pairs as the plain codec does, with the same evidence', async () => {
    expect(plain.together).toEqual({ 'e1+e2': true, 'f1+f2': true, 'g1+g2': expect.any(Boolean), 'e1+f1': false });
    // The fuzzy pair was found by a blocking key and scored by the model, not by an identifier.
    expect(plain.evidence['f1+f2']).toMatchObject({ decision: 'link', blockedBy: expect.not.stringMatching(/^identifier:/) });
    expect(plain.evidence['g1+g2']).not.toBeNull();
    expect(await outcomeOf(app)).toEqual(plain);
  });

  it('finds the customer by e-mail, phone and customer number, and reads the values back', async () => {
    const id = await customerOfRecord(app, CRM.name, 'e1');
    for (const [type, value] of [['EMAIL', ' PHILIPPA.QUENNELL@example.com'], ['PHONE', '020 7946 0461'], ['CUSTOMER_NUMBER', 'CN-48213']]) {
      const data = await gql<{ customerByIdentifier: { id: string; profile: { fullName: { value: string }; emails: Array<{ value: string }> } } }>(
        'query($t: IdentifierType!, $v: String!) { customerByIdentifier(type: $t, value: $v) { id profile { fullName { value } emails { value } } } }',
        { t: type, v: value },
      );
      expect({ type, ...data.customerByIdentifier }).toEqual({ type, id, profile: { fullName: { value: 'Philippa Quennell' }, emails: [{ value: 'philippa.quennell@example.com' }] } });
    }
  });

  it('searches by name exactly and with typos, by postcode and date of birth, ranked after decoding', async () => {
    const id = await customerOfRecord(app, CRM.name, 'e1');
    const search = async (query: string | null, filter: Record<string, string> | null = null) =>
      (
        await gql<{ searchCustomers: { edges: Array<{ node: { id: string }; matchedOn: Array<{ field: string; how: string }> }> } }>(
          'query($q: String, $f: CustomerSearchFilter) { searchCustomers(query: $q, filter: $f) { edges { node { id } matchedOn { field how } } } }',
          { q: query, f: filter },
        )
      ).searchCustomers.edges;
    expect((await search('Philippa Quennell')).map((e) => e.node.id)).toEqual([id]);
    // Neither token is stored: the sounds find it, the decoded names explain it.
    const typo = await search('Philipa Quenell');
    expect(typo.map((e) => e.node.id)).toEqual([id]);
    expect(typo[0]!.matchedOn).toEqual([{ field: 'NAME', how: 'FUZZY' }]);
    expect((await search('Quennell', { postcode: 'hg1 2ab', dateOfBirth: '1979-04-02' })).map((e) => e.node.id)).toEqual([id]);
    // The exact spelling ranks first among customers found by the same sound.
    const ranked = (await search('Featherstonehaugh')).map((e) => e.node.id);
    expect(ranked[0]).toBe(await customerOfRecord(app, CRM.name, 'f1'));
  });

  it('evaluates segments over hashed attributes, country kept plain, and refuses startsWith on a hashed one', async () => {
    const id = await customerOfRecord(app, CRM.name, 'e1');
    const create = (definition: unknown) =>
      app.graphql<{ createSegment: { count: number; members: { edges: Array<{ node: { id: string } }> } } }>(
        'mutation($d: JSON!) { createSegment(input: { name: "enc", definition: $d }) { count members(first: 10) { edges { node { id } } } } }',
        { d: definition },
        marketer,
      );
    for (const definition of [
      { attribute: 'familyName', op: 'eq', value: ' QUENNELL ' },
      { and: [{ attribute: 'city', op: 'eq', value: 'harrogate' }, { attribute: 'postcode', op: 'eq', value: 'HG1 2AB' }] },
    ]) {
      const res = await create(definition);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.createSegment.members.edges.map((e) => e.node.id)).toEqual([id]);
    }
    expect((await create({ attribute: 'givenName', op: 'exists' })).body.data!.createSegment.count).toBeGreaterThanOrEqual(3);
    // The country code is stored plain: a prefix of it is still a prefix.
    expect((await create({ attribute: 'country', op: 'startsWith', value: 'G' })).body.errors).toBeUndefined();
    const refused = await create({ or: [{ attribute: 'country', op: 'eq', value: 'GB' }, { attribute: 'familyName', op: 'startsWith', value: 'Quen' }] });
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(refused.body.errors?.[0]?.message).toMatch(/input\.definition\.or\.1\.op: familyName is stored as a keyed hash/);
    expect(JSON.stringify(refused.body)).not.toContain('Quen');
  });

  it('keeps every node and relationship free of the values in clear, derived ones included', async () => {
    const nodes = await app.executor.readRows<{ props: Record<string, unknown> }>('MATCH (n) RETURN properties(n) AS props');
    const rels = await app.executor.readRows<{ props: Record<string, unknown> }>('MATCH ()-[r]->() RETURN properties(r) AS props');
    const clear = /quennell|philippa|featherston|bartholom|marchbanks|ottoline|7946\s?0461|79460461|1979-?04-?02|1966-?07-?21|larkspur|wrenfield|cn-48213|harrogate|hg1\s?2ab/i;
    const leaks = [...nodes, ...rels].flatMap(({ props }) => Object.entries(props).filter(([, value]) => clear.test(JSON.stringify(value))).map(([name]) => name));
    expect(leaks).toEqual([]);
    expect(nodes.length).toBeGreaterThan(6);
  });
});
