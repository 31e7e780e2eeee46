import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultModel } from '../src/match/default-model.ts';
import { createServices, seedReferenceData } from '../src/services.ts';
import { customersOf, ingestPeople, registerPeople } from './support/people-source.ts';
import { emptyDatabase, startTestApp, type TestApp } from './support/test-app.ts';

const EXPLAIN = `query($a: RecordRef!, $b: RecordRef!) {
  explainMatch(a: $a, b: $b) { decision rule modelVersion probability stored sentence prior { sentence } steps { comparison label weight sentence } }
}`;
const SURNAMES = (
  'Abbott Bramley Castellanos Dunmore Eckhart Fairweather Galloway Holloway Ingram Jablonski Kowalczyk Lindqvist Moreau Nakamura ' +
  'Oyelaran Pemberton Quintero Rasmussen Sorensen Thibodeaux Umarov Valdivia Whitcombe Xiong Yardley Zeller Achterberg Baptiste ' +
  'Cavendish Delacroix Elsworth Fitzgerald Gunawardena Hargreaves Iwasaki Jorgensen Kavanagh Lombardi Mbeki Novak'
).split(' ');
const ref = (id: string) => ({ source: 'people', sourceRecordId: id });
type Explanation = { decision: string; rule: string; probability: number; stored: boolean; sentence: string; steps: Array<{ comparison: string; label: string; weight: number; sentence: string }> };

describe('identity resolution on ingest', () => {
  let app: TestApp;
  const explain = async (a: string, b: string) => (await app.graphql<{ explainMatch: Explanation }>(EXPLAIN, { a: ref(a), b: ref(b) })).body.data!.explainMatch;

  beforeAll(async () => {
    app = await startTestApp();
  });
  beforeEach(async () => {
    await emptyDatabase(app.driver);
    await seedReferenceData(createServices(app.executor));
    await registerPeople(app);
  });
  afterAll(async () => app.stop());

  it('links records sharing an email outright, naming the rule', async () => {
    await ingestPeople(app, [
      { id: 'a1', given: 'Ada', family: 'Fernwright', email: 'ada@example.com' },
      { id: 'a2', given: 'A.', family: 'Fernwright', email: 'ADA@example.com ', phone: '020 7946 0011' },
    ]);
    const customers = await customersOf(app, ['a1', 'a2']);
    expect(customers['a1']).toMatch(/^cus_[0-9a-f]{24}$/);
    expect(customers['a2']).toBe(customers['a1']);
    const why = await explain('a1', 'a2');
    expect(why).toMatchObject({ decision: 'LINK', rule: 'same-email', probability: 1, stored: true });
    expect(why.sentence).toContain('Linked outright by rule same-email');
  });

  it('links by the model on a nickname, a rare surname, a birth date and a phone, and explains it', async () => {
    await ingestPeople(app, [
      { id: 'w1', given: 'William', family: 'Okonkwo-Hartley', dob: '1980-04-12', phone: '+44 20 7946 0101', postcode: 'SW1A 1AA' },
      { id: 'w2', given: 'Bill', family: 'Okonkwo-Hartley', dob: '1980-04-12', phone: '020 7946 0101', postcode: 'sw1a1aa' },
    ]);
    const customers = await customersOf(app, ['w1', 'w2']);
    expect(customers['w2']).toBe(customers['w1']);
    const why = await explain('w2', 'w1');
    expect(why).toMatchObject({ decision: 'LINK', rule: 'model', stored: true });
    expect(why.probability).toBeGreaterThan(defaultModel().thresholds.link);
    expect(why.steps.find((s) => s.comparison === 'given_name')).toMatchObject({ label: 'nickname' });
    expect(why.steps.find((s) => s.comparison === 'date_of_birth')?.sentence).toMatch(/times more likely to be a match/);
    expect(why.steps.find((s) => s.comparison === 'date_of_birth')?.weight).toBeGreaterThan(10);
    expect(why.steps.find((s) => s.comparison === 'email')?.sentence).toMatch(/no evidence/);
  });

  it('sends an uncertain pair to the review queue instead of linking it', async () => {
    // The same rare name at another postcode, nothing else: moved, or a namesake.
    await ingestPeople(app, [
      { id: 'r1', given: 'Jane', family: 'Quillfeather', postcode: 'SW1A 1AA' },
      { id: 'r2', given: 'Jane', family: 'Quillfeather', postcode: 'E1 6AN' },
    ]);
    const customers = await customersOf(app, ['r1', 'r2']);
    const queue = await app.graphql<{ reviewQueue: Array<{ a: { sourceRecordId: string }; b: { sourceRecordId: string }; probability: number; explanation: { decision: string } }> }>(
      '{ reviewQueue { a { sourceRecordId } b { sourceRecordId } probability explanation { decision } } }',
    );
    const items = queue.body.data!.reviewQueue;
    const why = await explain('r1', 'r2');
    if (why.decision === 'LINK') throw new Error(`expected the review band, got p=${why.probability}`);
    expect(customers['r1']).not.toBe(customers['r2']);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ a: { sourceRecordId: 'r1' }, b: { sourceRecordId: 'r2' }, explanation: { decision: 'REVIEW' } });
    expect(items[0]!.probability).toBeGreaterThanOrEqual(defaultModel().thresholds.review);
    expect(items[0]!.probability).toBeLessThan(defaultModel().thresholds.link);
  });

  it('does not let a shared generic email or call-centre phone merge strangers', async () => {
    const strangers = Array.from({ length: 40 }, (_, n) => ({
      id: `h${n}`,
      given: ['Amara', 'Bodhi', 'Cosima', 'Dario', 'Elif', 'Farid', 'Greta', 'Hiro'][n % 8]!,
      family: SURNAMES[n]!,
      email: 'info@example.com',
      phone: '+44 20 7946 0999',
      dob: `19${50 + n}-0${(n % 9) + 1}-1${n % 9}`,
    }));
    for (let i = 0; i < strangers.length; i += 10) await ingestPeople(app, strangers.slice(i, i + 10));
    const customers = await customersOf(app, strangers.map((s) => s.id));
    expect(new Set(Object.values(customers)).size).toBe(40);
  });

  it('never puts records a steward ruled different into one customer, on ingest or in bulk', async () => {
    // The same name and nothing else in common: not enough to link.
    await ingestPeople(app, [
      { id: 'c1', given: 'Robin', family: 'Ashdown', email: 'robin.ashdown@example.com', postcode: 'SW1A 1AA' },
      { id: 'c2', given: 'Robin', family: 'Ashdown', phone: '+44 20 7946 0202', postcode: 'E1 6AN' },
    ]);
    let customers = await customersOf(app, ['c1', 'c2']);
    if (customers['c1'] === customers['c2']) throw new Error('setup: c1 and c2 should start apart');
    const decision = await app.graphql('mutation($a: RecordRef!, $b: RecordRef!) { markDifferentPeople(a: $a, b: $b, reason: "twins") { sameCustomer } }', {
      a: ref('c1'),
      b: ref('c2'),
    });
    expect(decision.body.data).toEqual({ markDifferentPeople: { sameCustomer: false } });
    // A record carrying c1's email and c2's phone would bridge them.
    await ingestPeople(app, [{ id: 'c3', given: 'Robin', family: 'Ashdown', email: 'robin.ashdown@example.com', phone: '+44 20 7946 0202' }]);
    const bridge = await explain('c2', 'c3');
    expect(bridge.decision).toBe('LINK');
    customers = await customersOf(app, ['c1', 'c2', 'c3']);
    expect(customers['c1']).not.toBe(customers['c2']);
    expect([customers['c1'], customers['c2']]).toContain(customers['c3']);
    await app.graphql('mutation { resolveAll { records } }');
    const after = await customersOf(app, ['c1', 'c2']);
    expect(after['c1']).not.toBe(after['c2']);
  });

  it('keeps customer ids stable across a bulk re-resolve', async () => {
    await ingestPeople(app, [
      { id: 's1', given: 'Ada', family: 'Fernwright', email: 'ada@example.com' },
      { id: 's2', given: 'Ada', family: 'Fernwright', email: 'ada@example.com', phone: '+44 20 7946 0011' },
      { id: 's3', given: 'Cyrus', family: 'Oakbridge', email: 'cyrus@example.org' },
      { id: 's4', given: 'Mira', family: 'Tallowfield', phone: '+44 20 7946 0077', dob: '1990-09-09' },
    ]);
    const before = await app.graphql<{ crosswalk: Array<{ sourceRecordId: string; customerId: string }> }>('{ crosswalk(source: "people") { sourceRecordId customerId } }');
    const report = await app.graphql<{ resolveAll: { records: number; customers: number; keptIds: number; newCustomers: number; mergedAway: number } }>(
      'mutation { resolveAll { records customers keptIds newCustomers mergedAway } }',
    );
    expect(report.body.data?.resolveAll).toEqual({ records: 4, customers: 3, keptIds: 3, newCustomers: 0, mergedAway: 0 });
    const after = await app.graphql('{ crosswalk(source: "people") { sourceRecordId customerId } }');
    expect(after.body.data).toEqual(before.body.data);
    expect(new Set(before.body.data!.crosswalk.map((c) => c.customerId)).size).toBe(3);
  });

  it('pages the crosswalk and shows a customer with its records', async () => {
    await ingestPeople(app, [
      { id: 'p1', given: 'Ada', family: 'Fernwright', email: 'ada@example.com' },
      { id: 'p2', given: 'Ada', family: 'Fernwright', email: 'ada@example.com' },
      { id: 'p3', given: 'Cyrus', family: 'Oakbridge', email: 'cyrus@example.org' },
    ]);
    const first = await app.graphql<{ crosswalk: Array<{ sourceRecordId: string; customerId: string; cursor: string }> }>('{ crosswalk(first: 2) { sourceRecordId customerId cursor } }');
    const page = first.body.data!.crosswalk;
    expect(page.map((c) => c.sourceRecordId)).toEqual(['p1', 'p2']);
    const next = await app.graphql<{ crosswalk: Array<{ sourceRecordId: string }> }>('query($after: String) { crosswalk(first: 2, after: $after) { sourceRecordId } }', { after: page[1]!.cursor });
    expect(next.body.data!.crosswalk.map((c) => c.sourceRecordId)).toEqual(['p3']);
    const customer = await app.graphql<{ customer: { status: string; records: Array<{ sourceRecordId: string }> } }>('query($id: ID!) { customer(id: $id) { status records { sourceRecordId } } }', { id: page[0]!.customerId });
    expect(customer.body.data?.customer).toEqual({ status: 'ACTIVE', records: [{ sourceRecordId: 'p1' }, { sourceRecordId: 'p2' }] });
  });
});
