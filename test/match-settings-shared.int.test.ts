import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/audit.ts';
import { defaultModel } from '../src/match/default-model.ts';
import { createServices, seedReferenceData } from '../src/services.ts';
import { customersOf, ingestPeople, registerPeople } from './support/people-source.ts';
import { bearer, startTestApp, testCodec, type TestApp } from './support/test-app.ts';

// Bug: setMatchRules changed the rules in the database and in the memory of the process
// that served it; every other API process on the same database kept resolving with the
// rules it had loaded at start-up.

const steward = bearer('steward-5', 'steward');
const SET_RULES = 'mutation($r: [MatchRuleInput!]!) { setMatchRules(rules: $r) { name identifierTypes } }';

/** Two API processes on one database, the people source registered. */
function twoProcesses(set: (a: TestApp, b: TestApp) => void): void {
  let apps: TestApp[] = [];
  beforeAll(async () => {
    apps = [await startTestApp(), await startTestApp()];
    set(apps[0]!, apps[1]!);
    await registerPeople(apps[0]!);
  });
  afterAll(async () => {
    for (const app of apps) await app.stop();
  });
}

describe('match rules are shared by every process on one database', () => {
  let a: TestApp;
  let b: TestApp;
  twoProcesses((x, y) => ([a, b] = [x, y]));

  it('lets process B read and resolve with the rules set through process A', async () => {
    // Two of a family sharing a landline: no shipped rule links them.
    await ingestPeople(b, [
      { id: 'p1', given: 'Hedy', family: 'Lamarr', email: 'hedy.lamarr@example.com', phone: '020 7946 0311' },
      { id: 'p2', given: 'Anthony', family: 'Lamarr', email: 'anthony.lamarr@example.com', phone: '020 7946 0311' },
    ]);
    const before = await customersOf(b, ['p1', 'p2']);
    expect(before['p1']).not.toBe(before['p2']);

    const rules = [{ name: 'same-email', identifierTypes: ['email'] }, { name: 'same-phone', identifierTypes: ['phone'] }];
    const set = await a.graphql(SET_RULES, { r: rules }, steward);
    expect(set.body.errors).toBeUndefined();

    const read = await b.graphql<{ matchRules: Array<{ name: string; identifierTypes: string[] }> }>('{ matchRules { name identifierTypes } }', {}, steward);
    expect(read.body.data?.matchRules).toEqual(rules);

    // B resolves the next pair sharing a phone by the new rule, over GraphQL and over NDJSON.
    await ingestPeople(b, [
      { id: 'p3', given: 'Grace', family: 'Hopper', email: 'grace.hopper@example.com', phone: '020 7946 0322' },
      { id: 'p4', given: 'Vincent', family: 'Hopper', email: 'vincent.hopper@example.com', phone: '020 7946 0322' },
    ]);
    const after = await customersOf(b, ['p3', 'p4']);
    expect(after['p3']).toBeTruthy();
    expect(after['p3']).toBe(after['p4']);
    const [link] = await b.executor.readRows<{ rule: string }>(
      "MATCH (:SourceRecord {key: 'people|p3'})-[m:MATCHED]-(:SourceRecord {key: 'people|p4'}) RETURN m.rule AS rule",
    );
    expect(link?.rule).toBe('same-phone');

    // Back to the shipped rules through B: A follows.
    expect((await b.graphql(SET_RULES, { r: [{ name: 'same-email', identifierTypes: ['email'] }] }, steward)).body.errors).toBeUndefined();
    const res = await fetch(`${a.url}/ingest/people`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', ...(await a.authHeaders()) },
      body: [
        { id: 'p5', given: 'Ada', family: 'Lovelace', email: 'ada.lovelace@example.com', phone: '020 7946 0333', updated: '2024-01-01T00:00:00Z' },
        { id: 'p6', given: 'William', family: 'Lovelace', email: 'william.lovelace@example.com', phone: '020 7946 0333', updated: '2024-01-01T00:00:00Z' },
      ].map((row) => JSON.stringify(row)).join('\n'),
    });
    expect(res.status).toBe(200);
    const last = await customersOf(a, ['p5', 'p6']);
    expect(last['p5']).not.toBe(last['p6']);
  });
});

describe('the matching model is shared by every process on one database', () => {
  let a: TestApp;
  let b: TestApp;
  const admin = bearer('admin-7', 'admin');
  twoProcesses((x, y) => ([a, b] = [x, y]));

  it('puts a trained model in use through process A, and process B resolves by it; refuses unknown versions and non-admins', async () => {
    const shipped = await b.graphql<{ matchModel: { version: string; source: string } }>('{ matchModel { version source } }', {}, steward);
    expect(shipped.body.data?.matchModel.source).toBe('SHIPPED');
    // A stored trained model (as a TRAIN job leaves it) that links any candidate pair.
    const model = { ...defaultModel(), version: 'trained-shared-1', thresholds: { link: 0.000001, review: 0.0000001 } };
    await a.executor.writeRows('CREATE (:TrainedModel {version: $v, json: $json, createdAt: datetime()})', { v: model.version, json: JSON.stringify(model) });

    const used = await a.graphql<{ useModel: { version: string; source: string; updatedBy: string } }>('mutation { useModel(version: "trained-shared-1", reason: "trained on our data") { version source updatedBy } }', {}, admin);
    expect(used.body.data?.useModel).toEqual({ version: 'trained-shared-1', source: 'DATABASE', updatedBy: 'admin-7' });
    const seen = await b.graphql<{ matchModel: { version: string; source: string } }>('{ matchModel { version source } }', {}, steward);
    expect(seen.body.data?.matchModel).toEqual({ version: 'trained-shared-1', source: 'DATABASE' });

    // Two of a family sharing a landline: the shipped model keeps them apart, this one links them.
    await ingestPeople(b, [
      { id: 'm1', given: 'Hedy', family: 'Lamarr', email: 'hedy.m@example.com', phone: '020 7946 0411' },
      { id: 'm2', given: 'Anthony', family: 'Lamarr', email: 'anthony.m@example.com', phone: '020 7946 0411' },
    ]);
    const customers = await customersOf(b, ['m1', 'm2']);
    expect(customers['m1']).toBe(customers['m2']);

    const unknown = await a.graphql('mutation { useModel(version: "nope", reason: "x") { version } }', {}, admin);
    expect(unknown.body.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const denied = await a.graphql('mutation { useModel(version: "trained-shared-1", reason: "x") { version } }', {}, steward);
    expect(denied.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const trail = await a.graphql<{ auditTrail: Array<{ actor: string; reason: string }> }>('{ auditTrail(operations: [MODEL_SET]) { actor reason } }', {}, bearer('aud', 'auditor'));
    expect(trail.body.data?.auditTrail).toEqual([{ actor: 'admin-7', reason: 'trained on our data' }]);
  });

  it('puts the model a re-resolution applied in use: a CLI-like process with its own model re-resolves, the API follows', async () => {
    // A CLI process encrypts with the same ring as the API (serviceOptionsFrom): the test app's codec.
    const pinned = createServices(a.executor, { codec: testCodec(), model: { ...defaultModel(), version: 'cli-model-2' } });
    await seedReferenceData(pinned);
    await pinned.bulkResolve.resolveAll(systemActor, { force: true });
    const seen = await b.graphql<{ matchModel: { version: string; source: string } }>('{ matchModel { version source } }', {}, steward);
    expect(seen.body.data?.matchModel).toEqual({ version: 'cli-model-2', source: 'DATABASE' });
  });
});
