import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphCounts } from './support/graph-counts.ts';
import { CRM, LEDGER, PROFILE, customerOfRecord, customerView, ingestRows, graphqlAs, resetWithGoldenSources, type Profile } from './support/golden-sources.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';

const steward = bearer('steward-1', 'steward');
const ref = (source: string, id: string) => ({ source, sourceRecordId: id });
const RESULT = `dryRun eventId mergedAway survivor { id records { sourceRecordId } ${PROFILE} }`;
const SPLIT_RESULT = `dryRun eventIds from { id records { sourceRecordId } ${PROFILE} } to { id records { sourceRecordId } ${PROFILE} }`;
type Preview = { id: string; records: Array<{ sourceRecordId: string }>; profile: Profile | null };
type MergeResult = { dryRun: boolean; eventId: string | null; mergedAway: string; survivor: Preview };
type SplitResult = { dryRun: boolean; eventIds: string[]; from: Preview; to: Preview[] };
const ids = (p: Preview) => p.records.map((r) => r.sourceRecordId).sort();

/** The data graph: graphCounts leaves out the audit trail, which a preview's read appends to. */
const dataCounts = (app: TestApp) => graphCounts(app.executor);

describe('merge, split and review', () => {
  let app: TestApp;
  const gql = graphqlAs(() => app, steward);
  const person = async (id: string, given: string, family: string, source = CRM.name) => {
    await ingestRows(app, source, [{ id, given, family, email: `${id}@example.com`, dob: '1980-01-01', updated: '2024-01-01T00:00:00Z' }]);
    return (await customerOfRecord(app, source, id))!;
  };
  const merge = async (a: string, b: string) =>
    (await gql<{ mergeCustomers: MergeResult }>(`mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "same person, confirmed by phone") { ${RESULT} } }`, { a, b })).mergeCustomers;

  const earlierCustomerOf = async (customer: string, record: string) =>
    (await gql<{ previewSplit: SplitResult }>(`query($id: ID!, $r: [RecordRef!]!) { previewSplit(customerId: $id, records: $r, target: EARLIER_CUSTOMER) { ${SPLIT_RESULT} } }`, {
      id: customer,
      r: [ref(CRM.name, record)],
    })).previewSplit.to.map((t) => t.id)[0];

  beforeAll(async () => {
    app = await startTestApp();
  });
  beforeEach(() => resetWithGoldenSources(app));
  afterAll(async () => app.stop());

  it('merges by hand: the older id survives, and a lookup by the other id answers with the survivor and says so', async () => {
    const a = await person('m1', 'Nadia', 'Petrova');
    const b = await person('m2', 'Nadia', 'Petrova-Ivanova', LEDGER.name);
    expect(a).not.toBe(b);
    const result = await merge(b, a);
    expect(result).toMatchObject({ dryRun: false, mergedAway: b, survivor: { id: a } });
    expect(ids(result.survivor)).toEqual(['m1', 'm2']);
    expect(result.survivor.profile?.familyName).toMatchObject({ value: 'Petrova-Ivanova', rule: 'SOURCE_PRIORITY', from: { source: LEDGER.name } });

    const old = await customerView(app, b);
    expect(old).toMatchObject({ id: a, requestedId: b, redirected: true, status: 'ACTIVE' });
    expect(old?.profile?.emails.map((e) => e.value).sort()).toEqual(['m1@example.com', 'm2@example.com']);
    expect(await customerView(app, a)).toMatchObject({ id: a, requestedId: a, redirected: false });
  });

  it('previews a merge and a split without writing anything', async () => {
    const a = await person('d1', 'Tomasz', 'Wrona');
    const b = await person('d2', 'Zofia', 'Kowalska');
    const before = await dataCounts(app);
    const preview = await gql<{ previewMerge: MergeResult }>(`query($a: ID!, $b: ID!) { previewMerge(a: $a, b: $b) { ${RESULT} } }`, { a, b });
    expect(preview.previewMerge).toMatchObject({ dryRun: true, eventId: null, survivor: { id: a }, mergedAway: b });
    expect(preview.previewMerge.survivor.profile?.recordCount).toBe(2);
    expect(await dataCounts(app)).toEqual(before);
    expect(await customerOfRecord(app, CRM.name, 'd2')).toBe(b);

    await merge(a, b);
    const merged = await dataCounts(app);
    const split = await gql<{ previewSplit: SplitResult }>(
      `query($id: ID!, $r: [RecordRef!]!) { previewSplit(customerId: $id, records: $r, target: NEW_CUSTOMER) { ${SPLIT_RESULT} } }`,
      { id: a, r: [ref(CRM.name, 'd2')] },
    );
    expect(split.previewSplit.dryRun).toBe(true);
    expect(ids(split.previewSplit.from)).toEqual(['d1']);
    expect(split.previewSplit.to.map(ids)).toEqual([['d2']]);
    expect(split.previewSplit.to[0]!.profile?.emails.map((e) => e.value)).toEqual(['d2@example.com']);
    expect(await dataCounts(app)).toEqual(merged);
  });

  it('splits records into a new customer, recomputes both golden records, and keeps resolution from merging them again', async () => {
    await ingestRows(app, CRM.name, [{ id: 's1', given: 'Marta', family: 'Lindqvist', email: 'marta.l@example.com', phone: '020 7946 0101', dob: '1961-03-04' }]);
    await ingestRows(app, CRM.name, [{ id: 's2', given: 'Jonas', family: 'Lindqvist', email: 'jonas.l@example.com', customerNo: 'CN-7', dob: '1990-09-30' }]);
    // A steward merges mother and son by mistake.
    const together = (await merge(await customerOfRecord(app, CRM.name, 's1') as string, await customerOfRecord(app, CRM.name, 's2') as string)).survivor.id;

    const split = (await gql<{ splitCustomer: SplitResult }>(
      `mutation($id: ID!, $r: [RecordRef!]!) { splitCustomer(customerId: $id, records: $r, reason: "parent and child") { ${SPLIT_RESULT} } }`,
      { id: together, r: [ref(CRM.name, 's2')] },
    )).splitCustomer;
    const jonas = split.to[0]!.id;
    expect(split.from.id).toBe(together);
    expect(split.from.profile).toMatchObject({ givenName: { value: 'Marta' }, dateOfBirth: { value: '1961-03-04' }, recordCount: 1 });
    expect(split.to[0]!.profile).toMatchObject({ givenName: { value: 'Jonas' }, dateOfBirth: { value: '1990-09-30' }, recordCount: 1 });
    expect(split.eventIds).toHaveLength(1);
    expect(await customerOfRecord(app, CRM.name, 's2')).toBe(jonas);

    // A record that rules link to both sides: Marta's e-mail and Jonas's customer number.
    await ingestRows(app, CRM.name, [{ id: 's3', given: 'M', family: 'Lindqvist', email: 'marta.l@example.com', customerNo: 'CN-7' }]);
    for (const other of ['s1', 's2']) {
      const why = await gql<{ explainMatch: { decision: string } }>('query($a: RecordRef!, $b: RecordRef!) { explainMatch(a: $a, b: $b) { decision } }', { a: ref(CRM.name, 's3'), b: ref(CRM.name, other) });
      expect(why.explainMatch.decision).toBe('LINK');
    }
    // A re-sent record and a full re-resolution leave the two sides apart too.
    await ingestRows(app, CRM.name, [{ id: 's2', given: 'Jonas', family: 'Lindqvist', email: 'jonas.l@example.com', customerNo: 'CN-7', dob: '1990-09-30', updated: '2025-01-01T00:00:00Z' }]);
    expect([await customerOfRecord(app, CRM.name, 's1'), await customerOfRecord(app, CRM.name, 's2')]).toEqual([together, jonas]);
    await gql('mutation { resolveAll { records } }');
    expect([await customerOfRecord(app, CRM.name, 's1'), await customerOfRecord(app, CRM.name, 's2')]).toEqual([together, jonas]);
    expect([together, jonas]).toContain(await customerOfRecord(app, CRM.name, 's3'));
    // A steward cannot merge them back by accident either.
    const refused = await app.graphql(`mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "oops") { eventId } }`, { a: together, b: jonas }, steward);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
  });

  it('splits a customer that had merged three times back into the customers it came from, and undoes an early merge after later ones', async () => {
    const [a, b, c, d] = [await person('t1', 'Ines', 'Araujo'), await person('t2', 'Joao', 'Silva'), await person('t3', 'Rui', 'Costa'), await person('t4', 'Ana', 'Melo')];
    const first = await merge(a, b);
    await merge(a, c);
    await merge(d, a);
    const whole = (await customerView(app, d))!;
    expect(whole.id).toBe(a);
    expect(whole.profile?.recordCount).toBe(4);

    // t3 goes back to c, reactivated under its own id.
    const split = (await gql<{ splitCustomer: SplitResult }>(
      `mutation($id: ID!, $r: [RecordRef!]!) { splitCustomer(customerId: $id, records: $r, target: EARLIER_CUSTOMER, reason: "wrong merge") { ${SPLIT_RESULT} } }`,
      { id: a, r: [ref(CRM.name, 't3')] },
    )).splitCustomer;
    expect(split.to.map((t) => t.id)).toEqual([c]);
    expect(await customerView(app, c)).toMatchObject({ id: c, redirected: false, profile: { givenName: { value: 'Rui' }, recordCount: 1 } });

    // The first merge is undone although two merges came after it.
    const undone = (await gql<{ unmergeCustomers: SplitResult }>(`mutation($e: ID!) { unmergeCustomers(eventId: $e, reason: "different people") { ${SPLIT_RESULT} } }`, { e: first.eventId })).unmergeCustomers;
    expect(undone.to.map((t) => [t.id, ids(t)])).toEqual([[b, ['t2']]]);
    expect(ids(undone.from)).toEqual(['t1', 't4']);
    expect(await customerView(app, b)).toMatchObject({ id: b, redirected: false, profile: { givenName: { value: 'Joao' } } });
    expect(await customerView(app, d)).toMatchObject({ id: a, redirected: true, profile: { recordCount: 2 } });

    const path = (await gql<{ mergePath: Array<{ kind: string; from: string; into: string; actor: string; reason: string; records: number; undoes: string | null }> }>(
      'query($id: ID!) { mergePath(customerId: $id) { kind from into actor reason records undoes } }',
      { id: a },
    )).mergePath;
    expect(path.map((s) => [s.kind, s.from, s.into, s.records])).toEqual([
      ['MERGE', b, a, 1],
      ['MERGE', c, a, 1],
      ['MERGE', d, a, 1],
      ['UNMERGE', a, c, 1],
      ['UNMERGE', a, b, 1],
    ]);
    expect(path.every((s) => s.actor === 'steward-1')).toBe(true);
    expect(path[4]!.undoes).toBe(first.eventId);
  });

  it('undoes a merge that a full re-resolution made, and the re-resolution after it keeps the two apart', async () => {
    const rules = (await gql<{ matchRules: Array<{ name: string; identifierTypes: string[] }> }>('{ matchRules { name identifierTypes } }')).matchRules;
    const setRules = (r: typeof rules) => gql('mutation($r: [MatchRuleInput!]!) { setMatchRules(rules: $r) { name } }', { r });
    try {
      // Without the same-email rule, a shared address and a family name are not enough.
      await setRules(rules.filter((r) => r.name !== 'same-email'));
      await ingestRows(app, CRM.name, [
        { id: 'e1', given: 'Robin', family: 'Ashdown', email: 'ashdown.home@example.com', postcode: 'SW1A 1AA' },
        { id: 'e2', given: 'Sam', family: 'Ashdown', email: 'ashdown.home@example.com', postcode: 'E1 6AN' },
      ]);
      const [first, second] = [await customerOfRecord(app, CRM.name, 'e1'), await customerOfRecord(app, CRM.name, 'e2')];
      if (first === second) throw new Error('setup: e1 and e2 should start apart');

      await setRules(rules);
      // One of two customers merged away is past the 5% bound: the steward forces it.
      const report = (await gql<{ resolveAll: { mergedAway: number } }>('mutation { resolveAll(force: true) { mergedAway } }')).resolveAll;
      expect(report.mergedAway).toBe(1);
      const together = (await customerOfRecord(app, CRM.name, 'e1'))!;
      expect(await customerOfRecord(app, CRM.name, 'e2')).toBe(together);
      const loser = together === first ? second! : first!;
      const path = (await gql<{ mergePath: Array<{ id: string; kind: string; from: string; into: string; actor: string; records: number; evidence: Array<{ rule: string }> }> }>(
        'query($id: ID!) { mergePath(customerId: $id) { id kind from into actor records evidence } }',
        { id: together },
      )).mergePath;
      expect(path.map((s) => [s.kind, s.from, s.into, s.actor, s.records])).toEqual([['MERGE', loser, together, 'steward-1', 1]]);
      expect(path[0]!.evidence.map((e) => e.rule)).toEqual(['same-email']);
      expect(await customerView(app, loser)).toMatchObject({ id: together, redirected: true });
      expect(await earlierCustomerOf(together, loser === first ? 'e1' : 'e2')).toBe(loser);

      const undone = (await gql<{ unmergeCustomers: SplitResult }>(`mutation($e: ID!) { unmergeCustomers(eventId: $e, reason: "a shared family inbox") { ${SPLIT_RESULT} } }`, { e: path[0]!.id })).unmergeCustomers;
      expect(undone.to.map((t) => t.id)).toEqual([loser]);
      expect(await customerView(app, loser)).toMatchObject({ id: loser, redirected: false, profile: { recordCount: 1 } });
      await gql('mutation { resolveAll { records } }');
      expect([await customerOfRecord(app, CRM.name, 'e1'), await customerOfRecord(app, CRM.name, 'e2')].sort()).toEqual([first, second].sort());
    } finally {
      await setRules(rules);
    }
  });

  it('knows the earlier customer of a record that an ingest-time merge moved', async () => {
    // Two calls, so k1's customer is the older one and survives.
    await ingestRows(app, CRM.name, [{ id: 'k1', given: 'Robin', family: 'Ashdown', email: 'robin.ashdown@example.com', postcode: 'SW1A 1AA' }]);
    await ingestRows(app, CRM.name, [{ id: 'k2', given: 'Robin', family: 'Ashdown', phone: '+44 20 7946 0202', postcode: 'E1 6AN' }]);
    const [older, younger] = [await customerOfRecord(app, CRM.name, 'k1'), await customerOfRecord(app, CRM.name, 'k2')];
    if (older === younger) throw new Error('setup: k1 and k2 should start apart');
    // A record with k1's e-mail and k2's phone joins the two customers.
    await ingestRows(app, CRM.name, [{ id: 'k3', given: 'Robin', family: 'Ashdown', email: 'robin.ashdown@example.com', phone: '+44 20 7946 0202' }]);
    expect(await customerOfRecord(app, CRM.name, 'k2')).toBe(older);
    expect(await earlierCustomerOf(older!, 'k2')).toBe(younger);
    const never = await app.graphql('query($id: ID!, $r: [RecordRef!]!) { previewSplit(customerId: $id, records: $r, target: EARLIER_CUSTOMER) { dryRun } }', { id: older, r: [ref(CRM.name, 'k1')] }, steward);
    expect(never.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('lists review items with their age and score, approves one (merge) and rejects one (kept apart for good)', async () => {
    await ingestRows(app, CRM.name, [
      { id: 'r1', given: 'Jane', family: 'Quillfeather', postcode: 'SW1A 1AA' },
      { id: 'r2', given: 'Jane', family: 'Quillfeather', postcode: 'E1 6AN' },
      { id: 'q1', given: 'Oskar', family: 'Brightwater', postcode: 'SW1A 1AA' },
      { id: 'q2', given: 'Oskar', family: 'Brightwater', postcode: 'E1 6AN' },
    ]);
    type Pair = { a: { sourceRecordId: string }; b: { sourceRecordId: string } };
    const queue = await gql<{ reviewItems: Array<{ probability: number; createdAt: string; pairs: Pair[] }>; reviewQueueStats: { size: number; oldest: string } }>(
      `{ reviewItems(order: AGE, source: "${CRM.name}") { probability createdAt pairs { a { sourceRecordId } b { sourceRecordId } } } reviewQueueStats { size oldest } }`,
    );
    expect(queue.reviewItems.map((i) => i.pairs.map((p) => [p.a.sourceRecordId, p.b.sourceRecordId])).sort()).toEqual([[['q1', 'q2']], [['r1', 'r2']]]);
    expect(queue.reviewQueueStats.size).toBe(2);
    expect(Date.parse(queue.reviewQueueStats.oldest)).toBeLessThanOrEqual(Date.now());
    expect((await gql<{ reviewItems: unknown[] }>('{ reviewItems(minProbability: 0.999999) { probability } }')).reviewItems).toEqual([]);

    const approved = await gql<{ approveReviews: Array<{ outcome: string; customerId: string | null }> }>(
      'mutation($i: [ReviewPairInput!]!) { approveReviews(items: $i, reason: "same person") { outcome customerId errorCode } }',
      { i: [{ a: ref(CRM.name, 'r1'), b: ref(CRM.name, 'r2') }] },
    );
    expect(approved.approveReviews).toEqual([{ outcome: 'MERGED', customerId: await customerOfRecord(app, CRM.name, 'r1'), errorCode: null }]);
    expect(await customerOfRecord(app, CRM.name, 'r2')).toBe(await customerOfRecord(app, CRM.name, 'r1'));

    const rejected = await gql<{ rejectReviews: Array<{ outcome: string }> }>(
      'mutation($i: [ReviewPairInput!]!) { rejectReviews(items: $i, reason: "namesakes") { outcome errorCode } }',
      { i: [{ a: ref(CRM.name, 'q1'), b: ref(CRM.name, 'q2') }, { a: ref(CRM.name, 'q1'), b: ref(CRM.name, 'zz') }] },
    );
    expect(rejected.rejectReviews).toEqual([{ outcome: 'KEPT_APART', errorCode: null }, { outcome: 'FAILED', errorCode: 'NOT_FOUND' }]);
    expect((await gql<{ reviewQueueStats: { size: number } }>('{ reviewQueueStats { size } }')).reviewQueueStats.size).toBe(0);
    // Strong new evidence for the rejected pair does not join them.
    await ingestRows(app, CRM.name, [{ id: 'q2', given: 'Oskar', family: 'Brightwater', postcode: 'SW1A 1AA', dob: '1977-07-07', updated: '2025-01-01T00:00:00Z' }]);
    await ingestRows(app, CRM.name, [{ id: 'q1', given: 'Oskar', family: 'Brightwater', postcode: 'SW1A 1AA', dob: '1977-07-07', updated: '2025-01-01T00:00:00Z' }]);
    expect(await customerOfRecord(app, CRM.name, 'q1')).not.toBe(await customerOfRecord(app, CRM.name, 'q2'));
  });
});
