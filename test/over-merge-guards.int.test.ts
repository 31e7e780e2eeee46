import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_MIN_RECORDS } from '../src/match/cluster.ts';
import { defaultModel } from '../src/match/default-model.ts';
import { createServices, seedReferenceData } from '../src/services.ts';
import { customersOf, ingestPeople, peopleMapping, registerPeople, type PersonRow } from './support/people-source.ts';
import { emptyDatabase, startTestApp, type TestApp } from './support/test-app.ts';

const REVIEWS = '{ reviewItems(first: 500) { pairs { a { sourceRecordId } b { sourceRecordId } reason probability } } }';
type Review = { a: { sourceRecordId: string }; b: { sourceRecordId: string }; reason: string; probability: number };
/** Every record pair waiting for review, whichever customer pair's item it is behind. */
const reviewPairs = async (app: TestApp) => (await app.graphql<{ reviewItems: Array<{ pairs: Review[] }> }>(REVIEWS)).body.data!.reviewItems.flatMap((i) => i.pairs);
const EXPLAIN = 'query($a: RecordRef!, $b: RecordRef!) { explainMatch(a: $a, b: $b) { decision probability sentence } }';
const ref = (id: string) => ({ source: 'people', sourceRecordId: id });
/** The people source, with several phones to a cell separated by ';'. */
const withPhones = { ...peopleMapping, fields: peopleMapping.fields.map((f) => (f.to === 'phone' ? { ...f, transform: { type: 'split', separator: ';', part: 'all' } } : f)) };

/** Records per customer, largest first, from a crosswalk of every record. */
const sizes = (customers: Record<string, string | null>) => {
  const counts = new Map<string, number>();
  for (const c of Object.values(customers)) if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.values()].sort((x, y) => y - x);
};

describe('over-merge guards: the cluster size limit', () => {
  let app: TestApp;
  const ada = (id: string): PersonRow => ({ id, given: 'Ada', family: 'Fernwright', email: 'ada@example.com' });

  beforeAll(async () => {
    app = await startTestApp({ serviceOptions: { maxCustomerRecords: 3 } });
    await registerPeople(app);
  });
  afterAll(async () => app.stop());

  it('gives a customer at the limit a review item instead of a merge, at ingest and in resolveAll', async () => {
    await ingestPeople(app, [ada('m1'), ada('m2'), ada('m3')]);
    const full = await customersOf(app, ['m1', 'm2', 'm3']);
    expect(new Set(Object.values(full)).size).toBe(1);

    // The same e-mail links m4 to all three outright, but a fourth record is past the limit.
    await ingestPeople(app, [ada('m4')]);
    const after = await customersOf(app, ['m1', 'm4']);
    expect(after['m1']).toBe(full['m1']);
    expect(after['m4']).not.toBe(full['m1']);
    const reviews = await reviewPairs(app);
    expect(reviews.map((r) => [r.a.sourceRecordId, r.b.sourceRecordId, r.reason]).sort()).toEqual([
      ['m1', 'm4', 'CLUSTER_SIZE_LIMIT'],
      ['m2', 'm4', 'CLUSTER_SIZE_LIMIT'],
      ['m3', 'm4', 'CLUSTER_SIZE_LIMIT'],
    ]);
    const why = (await app.graphql<{ explainMatch: { decision: string; probability: number; sentence: string } }>(EXPLAIN, { a: ref('m1'), b: ref('m4') })).body.data!.explainMatch;
    expect(why).toMatchObject({ decision: 'REVIEW', probability: 1 });
    expect(why.sentence).toMatch(/^Held back for review: the link would grow a customer past the cluster size limit\./);

    const report = await app.graphql<{ resolveAll: { customers: number; mergedAway: number; heldBack: number } }>('mutation { resolveAll { customers mergedAway heldBack } }');
    expect(report.body.data?.resolveAll).toEqual({ customers: 2, mergedAway: 0, heldBack: 3 });
    expect(await customersOf(app, ['m1', 'm2', 'm3', 'm4'])).toEqual({ ...full, m4: after['m4'] });
    expect((await reviewPairs(app)).map((r) => r.reason)).toEqual(['CLUSTER_SIZE_LIMIT', 'CLUSTER_SIZE_LIMIT', 'CLUSTER_SIZE_LIMIT']);
  });
});

describe('over-merge guards: weak bridges', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  beforeEach(async () => {
    await emptyDatabase(app.driver);
    await seedReferenceData(createServices(app.executor));
    const registered = await app.graphql('mutation($m: JSON!) { registerSource(input: { name: "people", mapping: $m }) { name } }', { m: withPhones });
    if (registered.body.errors) throw new Error(JSON.stringify(registered.body.errors));
  });
  afterAll(async () => app.stop());

  it('never chains 300 people with a common name, each sharing a phone with the next, into one customer', async () => {
    // John Smith n carries his own line and the next John Smith's: every neighbouring pair
    // links on name and phone, no other pair has anything but the (hub) name in common.
    const phone = (n: number) => `+44 20 7946 ${String(1000 + n)}`;
    const chain = Array.from({ length: 300 }, (_, n): PersonRow => ({ id: `j${String(n).padStart(3, '0')}`, given: 'John', family: 'Smith', phone: `${phone(n)};${phone(n + 1)}` }));
    for (let i = 0; i < chain.length; i += 50) await ingestPeople(app, chain.slice(i, i + 50));
    const ids = chain.map((r) => r.id);

    // Every neighbouring pair scored a link: without the guards, one component of 300.
    const [scored] = await app.executor.readRows<{ pairs: number; neighbours: number; lowest: number }>(
      `MATCH (a:SourceRecord)-[m:MATCHED]->(b:SourceRecord)
       RETURN count(m) AS pairs, count(CASE WHEN toInteger(substring(b.key, 8)) = toInteger(substring(a.key, 8)) + 1 THEN 1 END) AS neighbours, min(m.modelProbability) AS lowest`,
    );
    expect(scored).toMatchObject({ pairs: 299, neighbours: 299 });
    expect(scored!.lowest).toBeGreaterThanOrEqual(defaultModel().thresholds.link);
    // Links join at most a few records (BRIDGE_MIN_RECORDS) before a second link is needed.
    const most = BRIDGE_MIN_RECORDS + 1;
    const atIngest = sizes(await customersOf(app, ids));
    expect(atIngest[0]).toBeLessThanOrEqual(most);
    const reviews = await reviewPairs(app);
    expect(reviews.length).toBeGreaterThanOrEqual(300 / most - 1);
    expect(new Set(reviews.map((r) => r.reason))).toEqual(new Set(['WEAK_BRIDGE']));

    const preview = (await app.graphql<{ previewResolveAll: { sizes: { largest: number }; heldBack: { weakBridge: number } } }>('{ previewResolveAll { sizes { largest } heldBack { weakBridge } } }')).body.data!.previewResolveAll;
    expect(preview.sizes.largest).toBeLessThanOrEqual(most);
    expect(preview.heldBack.weakBridge).toBeGreaterThanOrEqual(300 / most - 1);
    const report = await app.graphql('mutation { resolveAll(force: true) { customers } }');
    expect(report.body.errors).toBeUndefined();
    expect(sizes(await customersOf(app, ids))[0]).toBeLessThanOrEqual(most);
  });

  it('joins a record to the customer it shares an e-mail with, and holds its one weak link to a second customer of several records', async () => {
    // Two customers of six records each (more than a few): one Nadia Petrova's records share
    // her home e-mail, the other's share a work e-mail and each has a phone.
    const nadia = (id: string, extra: Partial<PersonRow>): PersonRow => ({ id, given: 'Nadia', family: 'Petrova', dob: '1985-06-15', ...extra });
    await ingestPeople(app, [
      ...['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((id) => nadia(id, { email: 'nadia.p@example.com' })),
      ...['q1', 'q2', 'q3', 'q4', 'q5', 'q6'].map((id, n) => ({ id, given: 'Nadia', family: 'Petrova', email: 'nadia.work@example.org', phone: `+44 20 7946 05${n}0` })),
    ]);
    const before = await customersOf(app, ['p1', 'q1']);
    if (before['p1'] === before['q1']) throw new Error('setup: the two customers should start apart');
    // x has Nadia Petrova's e-mail (a rule link) and one of the other customer's phones.
    await ingestPeople(app, [nadia('x', { email: 'nadia.p@example.com', phone: '+44 20 7946 0500' })]);
    const after = await customersOf(app, ['p1', 'q1', 'x']);
    expect(after['x']).toBe(before['p1']);
    expect(after['q1']).toBe(before['q1']);
    const why = (await app.graphql<{ explainMatch: { decision: string; probability: number; sentence: string } }>(EXPLAIN, { a: ref('q1'), b: ref('x') })).body.data!.explainMatch;
    if (why.decision !== 'REVIEW' || !why.sentence.startsWith('Held back')) throw new Error(`expected a held link, got ${JSON.stringify(why)}`);
    expect(why.probability).toBeGreaterThan(0.95);
    const reviews = await reviewPairs(app);
    expect(reviews.filter((r) => r.reason === 'WEAK_BRIDGE').map((r) => [r.a.sourceRecordId, r.b.sourceRecordId])).toEqual([['q1', 'x']]);
  });
});
