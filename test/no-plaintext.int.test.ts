import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generatePeople, mildCorruption, type GeneratedPerson } from '../bench/generate/dataset.ts';
import { encryptingCodec, keyRing } from '../src/privacy/encrypting-codec.ts';
import { graphqlAs } from './support/golden-sources.ts';
import { pollUntil } from './support/jobs.ts';
import { leaksIn, needlesOf, stringsOf, transactionLogs, withoutCiphertext, type Needles } from './support/plaintext-scan.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';

// With the encrypting codec, a realistic import (several hundred generated people across
// the built-in sources, with their orders, tickets and web and e-mail events) and the use
// cases that write state of their own (resolution and its reviews, a merge, a review
// decision, searches, a segment and its export) leave no generated name, e-mail, phone,
// street or date of birth anywhere in the graph, in the transaction logs written
// meanwhile, or in the API's log lines.
const PEOPLE = 300;
const SEED = 4242;
const steward = bearer('np-steward', 'steward');
const marketer = bearer('np-marketer', 'marketer');
const agent = bearer('np-agent', 'agent');

describe('no plaintext with the encrypting codec', () => {
  let app: TestApp;
  const codec = encryptingCodec(keyRing('k1', new Map([['k1', randomBytes(32)]]), randomBytes(32)));
  const logs = transactionLogs(inject('neo4j'));
  const people: GeneratedPerson[] = [...generatePeople({ people: PEOPLE, seed: SEED, corruption: mildCorruption })];
  const needles: Needles = needlesOf(people);
  let logSizes: Map<string, number>;
  const gql = graphqlAs(() => app, steward);
  const asAdmin = graphqlAs(() => app, {});
  const customerOf = async (source: string, id: string) =>
    (await gql<{ sourceRecord: { customer: { id: string } | null } | null }>('query($s: String!, $i: String!) { sourceRecord(source: $s, sourceRecordId: $i) { customer { id } } }', { s: source, i: id }))
      .sourceRecord?.customer?.id ?? null;

  beforeAll(async () => {
    app = await startTestApp({ serviceOptions: { codec } });
    logSizes = await logs.sizes();
    const bySource = new Map<string, unknown[]>();
    for (const { records } of people) for (const r of records) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r.payload]);
    for (const [source, payloads] of bySource) {
      for (let i = 0; i < payloads.length; i += 200) {
        await asAdmin('mutation($s: String!, $r: [JSON!]!) { ingestBatch(source: $s, records: $r) { stored } }', { s: source, r: payloads.slice(i, i + 200) });
      }
    }
  }, 600_000);
  afterAll(async () => app?.stop());

  /** A person with a record the product can be asked about by id, and a family name long enough to be searched by sound. */
  const known = () => {
    for (const { person, records } of people) {
      const record = records.find((r) => r.source === 'crm' && r.truth.sourceRecordId);
      if (record && /^[a-z]{6,}$/i.test(person.family) && /^[a-z]{4,}$/i.test(person.given)) return { person, source: record.source, id: record.truth.sourceRecordId! };
    }
    throw new Error('no suitable person in the generated set');
  };

  it('resolves, searches (exactly and with a typo), segments, merges and decides a review', async () => {
    const { person, source, id } = known();
    const customer = await customerOf(source, id);
    expect(customer).not.toBeNull();
    const search = async (query: string) =>
      (await gql<{ searchCustomers: { edges: Array<{ node: { id: string } }> } }>('query($q: String!) { searchCustomers(query: $q, first: 10) { edges { node { id } } } }', { q: query })).searchCustomers.edges.map(
        (e) => e.node.id,
      );
    expect(await search(`${person.given} ${person.family}`)).toContain(customer);
    // A doubled consonant: no hashed token equals it, its sound does.
    const typo = person.family.replace(/([b-df-hj-np-tv-z])/i, '$1$1');
    expect(typo).not.toBe(person.family);
    expect(await search(`${person.given} ${typo}`)).toContain(customer);

    const segment = await gql<{ createSegment: { id: string; count: number } }>('mutation($d: JSON!) { createSegment(input: { name: "np", definition: $d }) { id count } }', { d: { attribute: 'familyName', op: 'eq', value: person.family } }, marketer);
    expect(segment.createSegment.count).toBeGreaterThanOrEqual(1);
    await gql('query($id: ID!) { exportSegment(id: $id, channel: EMAIL, first: 50) { contacts { customerId } } }', { id: segment.createSegment.id }, marketer);

    const reviews = await gql<{ reviewItems: Array<{ id: string }> }>('{ reviewItems(first: 2) { id } }');
    expect(reviews.reviewItems.length).toBeGreaterThanOrEqual(1);
    await gql('mutation($ids: [ID!]!) { rejectReviewItems(ids: $ids, reason: "not the same") { errorCode } }', { ids: [reviews.reviewItems[0]!.id] });
    const other = await customerOf(known2(person.id).source, known2(person.id).id);
    expect(other).not.toBe(customer);
    await gql('mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "steward merge") { mergedAway } }', { a: customer, b: other });

    // An agent verifying a caller, once wrongly and once rightly: attempts and unlocks are stored and audited.
    for (const dateOfBirth of ['1900-01-01', person.dateOfBirth]) {
      await gql('mutation($id: ID!, $a: VerifyCallerAnswers!) { verifyCaller(customerId: $id, answers: $a) { verified } }', { id: customer, a: { dateOfBirth, postcode: person.address.postcode } }, agent);
    }
    // A record refused (no id) and one with a value that is no e-mail: the rejection and the data-quality issue keep them.
    const payload = people.find((p) => p.person.id === person.id)!.records.find((r) => r.source === 'crm')!.payload as Record<string, unknown>;
    await asAdmin('mutation($r: [JSON!]!) { ingestBatch(source: "crm", records: $r) { rejected { position } } }', {
      r: [
        { ...payload, Id: null },
        { ...payload, Id: `${String(payload['Id'])}X`, Email: `${person.given}.${person.family}@@invalid` },
      ],
    });
    // A bulk re-resolution as a job: its rows and pages.
    const job = await asAdmin<{ startJob: { id: string } }>('mutation { startJob(kind: RESOLVE_ALL, options: { force: true }) { id } }');
    await pollUntil(
      async () => (await asAdmin<{ job: { status: string } }>('query($id: ID!) { job(id: $id) { status } }', { id: job.startJob.id })).job.status,
      (status) => !['QUEUED', 'RUNNING'].includes(status),
      240_000,
    );
    const counts = await app.executor.readRows<{ label: string }>('MATCH (n) UNWIND labels(n) AS label RETURN DISTINCT label');
    // The paths that write state of their own were all taken.
    expect(counts.map((c) => c.label)).toEqual(expect.arrayContaining(['BlockingKey', 'Household', 'Interaction', 'RejectedRecord', 'Job', 'Segment', 'LineageEvent']));
  }, 300_000);

  /** Another person's crm record, for the merge. */
  const known2 = (not: string) => {
    for (const { person, records } of people.toReversed()) {
      const record = records.find((r) => r.source === 'crm' && r.truth.sourceRecordId);
      if (record && person.id !== not) return { source: record.source, id: record.truth.sourceRecordId! };
    }
    throw new Error('no second person');
  };

  it('stores no generated personal value in any property, label or type of any node or relationship', async () => {
    const nodes = await app.executor.readRows<{ labels: string[]; props: Record<string, unknown> }>('MATCH (n) RETURN labels(n) AS labels, properties(n) AS props');
    const rels = await app.executor.readRows<{ type: string; props: Record<string, unknown> }>('MATCH ()-[r]->() RETURN type(r) AS type, properties(r) AS props');
    expect(nodes.length).toBeGreaterThan(PEOPLE);
    const leaks = new Map<string, Set<string>>();
    const scan = (where: string, value: unknown) => {
      for (const [path, text] of stringsOf(value, where)) {
        for (const leak of leaksIn(needles, withoutCiphertext(codec, text))) leaks.set(path.replace(/\[\d+\]/g, '[]'), (leaks.get(path) ?? new Set()).add(leak));
      }
    };
    for (const { labels, props } of nodes) {
      const where = labels.join(':');
      scan(`${where} labels`, labels);
      scan(`${where} keys`, Object.keys(props));
      scan(where, props);
    }
    for (const { type, props } of rels) {
      scan(`${type} type`, type);
      scan(type, props);
    }
    expect(Object.fromEntries([...leaks].map(([path, found]) => [path, [...found].slice(0, 5)]))).toEqual({});
  });

  it("writes none to the API's log lines", () => {
    const lines = app.logs.join('');
    expect(lines.length).toBeGreaterThan(0);
    expect(leaksIn(needles, withoutCiphertext(codec, lines))).toEqual([]);
  });

  it('writes none to the transaction logs, whose scan finds a long value written in clear', async () => {
    // What the scan sees: the bytes of every transaction committed since the start of this
    // file. Neo4j keeps a string of up to about 30 characters packed inside its property
    // record (5 to 7 bits a character), which no byte search can read; longer strings and
    // arrays go to dynamic records as UTF-8, split in blocks of 120 bytes. So only long
    // needles are looked for (e-mails, streets, dates of birth with their dashes, phones as
    // digits never hit by chance), and the canary is longer than a packed string and
    // shorter than a block. Short values (a name on its own) are the property scan's job.
    const canary = `canary-${randomBytes(12).toString('hex')}-written-in-clear-through-cypher`;
    await app.executor.writeRows('CREATE (:PlaintextCanary {value: $canary})', { canary });
    try {
      const bytes = (await logs.appended(logSizes)).toString('latin1').toLowerCase();
      expect(bytes.length).toBeGreaterThan(100_000);
      expect(bytes.includes(canary)).toBe(true);
      const long = [...needles.texts].filter((n) => n.length >= 10);
      const digits = [...needles.digits].filter((n) => n.length >= 10);
      expect(long.length).toBeGreaterThan(PEOPLE);
      expect([...long, ...digits].filter((n) => bytes.includes(n))).toEqual([]);
    } finally {
      await app.executor.writeRows('MATCH (c:PlaintextCanary) DELETE c');
    }
  });
});
