import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultModel } from '../src/match/default-model.ts';
import { CRM, LEDGER, customerOfRecord, graphqlAs, ingestRows, resetWithShippedModel } from './support/golden-sources.ts';
import { NO_VIOLATIONS, membershipViolations } from './support/membership-invariants.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';

const steward = bearer('steward-1', 'steward');
const ref = (source: string, id: string) => ({ source, sourceRecordId: id });
type Decision = { id: string; kind: string; by: string; reason: string; records: Array<{ sourceRecordId: string }>; otherRecords: Array<{ sourceRecordId: string }>; attribute: string | null };
const DECISION = 'id kind by reason records { sourceRecordId } otherRecords { sourceRecordId } attribute';

/**
 * Steward decisions are facts every resolution respects, and each can be lifted: a merge
 * (by hand or by approval) is a must-link, a split and a cannot-link keep records apart,
 * an undo moves records back and lifts the decision the undone event made.
 */
describe('steward decisions', () => {
  let app: TestApp;
  const gql = graphqlAs(() => app, steward);
  const customer = (source: string, id: string) => customerOfRecord(app, source, id).then((c) => c!);
  const resolveAll = () => gql<{ resolveAll: { records: number } }>('mutation { resolveAll(force: true) { records } }');
  const decisionsOf = async (customerId: string) => (await gql<{ decisions: Decision[] }>(`query($id: ID!) { decisions(customerId: $id) { ${DECISION} } }`, { id: customerId })).decisions;
  const lift = (id: string, reason = 'decided in error') => gql<{ liftDecision: { id: string; kind: string; records: Array<{ sourceRecordId: string }> } }>('mutation($id: ID!, $r: String!) { liftDecision(id: $id, reason: $r) { id kind records { sourceRecordId } } }', { id, r: reason });
  const merge = (a: string, b: string) => gql<{ mergeCustomers: { eventId: string; survivor: { id: string } } }>('mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "same person, seen the passport") { eventId survivor { id } } }', { a, b });
  const split = (customerId: string, records: Array<{ source: string; sourceRecordId: string }>) =>
    gql<{ splitCustomer: { eventIds: string[]; to: Array<{ id: string }> } }>('mutation($c: ID!, $r: [RecordRef!]!) { splitCustomer(customerId: $c, records: $r, target: NEW_CUSTOMER, reason: "twins") { eventIds to { id } } }', { c: customerId, r: records });

  beforeAll(async () => {
    app = await startTestApp();
  });
  beforeEach(() => resetWithShippedModel(app));
  afterAll(async () => app.stop());

  it('keeps a manual merge and an approved review together through resolveAll and a re-resolution with another model', async () => {
    await ingestRows(app, CRM.name, [
      { id: 'h1', given: 'Ingrid', family: 'Solberg', email: 'ingrid@example.com', dob: '1971-02-03' },
      { id: 'h2', given: 'Inga', family: 'Solberg-Vik', email: 'solvik@example.org', dob: '1971-03-02' },
      { id: 'r1', given: 'Jane', family: 'Quillfeather', postcode: 'SW1A 1AA' },
      { id: 'r2', given: 'Jane', family: 'Quillfeather', postcode: 'E1 6AN' },
    ]);
    const [h1, h2] = [await customer(CRM.name, 'h1'), await customer(CRM.name, 'h2')];
    expect(h1).not.toBe(h2);
    await merge(h1, h2);
    const approved = await gql<{ approveReviews: Array<{ outcome: string }> }>('mutation($i: [ReviewPairInput!]!) { approveReviews(items: $i, reason: "same person") { outcome } }', {
      i: [{ a: ref(CRM.name, 'r1'), b: ref(CRM.name, 'r2') }],
    });
    expect(approved.approveReviews).toEqual([{ outcome: 'MERGED' }]);
    const kinds = (await decisionsOf(await customer(CRM.name, 'h1'))).map((d) => [d.kind, d.records.map((r) => r.sourceRecordId).sort()]);
    expect(kinds).toEqual([['MUST_LINK', ['h1', 'h2']]]);

    await resolveAll();
    app.services.resolution.use({ model: { ...defaultModel(), version: 'stricter-1', thresholds: { link: 0.999999, review: 0.99 } } });
    await resolveAll();
    expect(await customer(CRM.name, 'h2')).toBe(await customer(CRM.name, 'h1'));
    expect(await customer(CRM.name, 'r2')).toBe(await customer(CRM.name, 'r1'));
    expect(await membershipViolations(app.executor)).toEqual(NO_VIOLATIONS);

    // Lifted, the must-link no longer holds: resolution decides the pair on evidence alone.
    const [mustLink] = await decisionsOf(await customer(CRM.name, 'h1'));
    expect((await lift(mustLink!.id)).liftDecision).toMatchObject({ id: mustLink!.id, kind: 'MUST_LINK' });
    await resolveAll();
    expect(await customer(CRM.name, 'h2')).not.toBe(await customer(CRM.name, 'h1'));
  });

  it('lets a pair kept apart by a cannot-link merge once the decision is lifted', async () => {
    await ingestRows(app, CRM.name, [{ id: 'c1', given: 'Tomasz', family: 'Wrona', email: 'tw@example.com', dob: '1980-05-06' }]);
    await ingestRows(app, LEDGER.name, [{ id: 'c2', given: 'Tomasz', family: 'Wrona', email: 'other@example.com', dob: '1980-05-06', phone: '+44 20 7946 0000' }]);
    const marked = await gql<{ markDifferentPeople: { sameCustomer: boolean; decisionId: string } }>('mutation($a: RecordRef!, $b: RecordRef!) { markDifferentPeople(a: $a, b: $b, reason: "father and son") { sameCustomer decisionId } }', {
      a: ref(CRM.name, 'c1'),
      b: ref(LEDGER.name, 'c2'),
    });
    expect(marked.markDifferentPeople.decisionId).toMatch(/^cnl_/);
    await ingestRows(app, LEDGER.name, [{ id: 'c2', given: 'Tomasz', family: 'Wrona', email: 'tw@example.com', dob: '1980-05-06', updated: '2025-01-01T00:00:00Z' }]);
    await resolveAll();
    expect(await customer(LEDGER.name, 'c2')).not.toBe(await customer(CRM.name, 'c1'));
    expect((await decisionsOf(await customer(CRM.name, 'c1'))).map((d) => d.kind)).toEqual(['CANNOT_LINK']);

    await lift(marked.markDifferentPeople.decisionId, 'same person after all');
    await resolveAll();
    expect(await customer(LEDGER.name, 'c2')).toBe(await customer(CRM.name, 'c1'));
    const again = await app.graphql('mutation($id: ID!) { liftDecision(id: $id, reason: "again") { id } }', { id: marked.markDifferentPeople.decisionId }, steward);
    expect(again.body.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    const trail = await gql<{ auditTrail: Array<{ actor: string; reason: string }> }>('{ auditTrail(operations: [DECISION_LIFT]) { actor reason } }', {}, bearer('aud', 'auditor'));
    expect(trail.auditTrail).toEqual([{ actor: 'steward-1', reason: 'same person after all' }]);
  });

  it('undoes a split: the records go back, the new customer redirects to the old one, and its decision is lifted', async () => {
    await ingestRows(app, CRM.name, [{ id: 's1', given: 'Marta', family: 'Lindqvist', email: 'marta@example.com', dob: '1961-03-04' }]);
    await ingestRows(app, LEDGER.name, [{ id: 's2', given: 'Marta', family: 'Lindqvist', email: 'marta@example.com', dob: '1961-03-04' }]);
    const whole = await customer(CRM.name, 's1');
    expect(await customer(LEDGER.name, 's2')).toBe(whole);
    const done = (await split(whole, [ref(LEDGER.name, 's2')])).splitCustomer;
    const splitOff = done.to[0]!.id;
    expect(await customer(LEDGER.name, 's2')).toBe(splitOff);
    expect((await decisionsOf(whole)).map((d) => d.kind)).toEqual(['SPLIT']);

    const undone = await gql<{ unmergeCustomers: { eventIds: string[]; to: Array<{ id: string }> } }>('mutation($e: ID!) { unmergeCustomers(eventId: $e, reason: "split in error") { eventIds to { id } } }', { e: done.eventIds[0] });
    expect(undone.unmergeCustomers.to.map((t) => t.id)).toEqual([whole]);
    expect(await customer(LEDGER.name, 's2')).toBe(whole);
    expect((await gql<{ customer: { id: string; redirected: boolean } }>('query($id: ID!) { customer(id: $id) { id redirected } }', { id: splitOff })).customer).toEqual({ id: whole, redirected: true });
    expect(await decisionsOf(whole)).toEqual([]);
    const path = (await gql<{ mergePath: Array<{ kind: string; undoes: string | null }> }>('query($id: ID!) { mergePath(customerId: $id) { kind undoes } }', { id: whole })).mergePath;
    expect(path.map((s) => s.kind)).toEqual(expect.arrayContaining(['SPLIT', 'UNDO']));
    expect(path.find((s) => s.kind === 'UNDO')?.undoes).toBe(done.eventIds[0]);
    const twice = await app.graphql('mutation($e: ID!) { unmergeCustomers(eventId: $e, reason: "again") { eventIds } }', { e: done.eventIds[0] }, steward);
    expect(twice.body.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    await resolveAll();
    expect(await customer(LEDGER.name, 's2')).toBe(whole);
    expect(await membershipViolations(app.executor)).toEqual(NO_VIOLATIONS);
  });

  it('refuses a merge across a split naming the decision, and merges once the split is lifted; a later split lifts the must-link it contradicts', async () => {
    await ingestRows(app, CRM.name, [{ id: 't1', given: 'Ada', family: 'Okafor', email: 'ada@example.com', dob: '1990-01-01' }]);
    await ingestRows(app, LEDGER.name, [{ id: 't2', given: 'Ada', family: 'Okafor', email: 'ada@example.com', dob: '1990-01-01' }]);
    const whole = await customer(CRM.name, 't1');
    const other = (await split(whole, [ref(LEDGER.name, 't2')])).splitCustomer.to[0]!.id;
    const [splitDecision] = await decisionsOf(whole);
    const refused = await app.graphql('mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "same") { eventId } }', { a: whole, b: other }, steward);
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    expect(refused.body.errors?.[0]?.message).toContain(splitDecision!.id);

    await lift(splitDecision!.id);
    await merge(whole, other);
    const [mustLink] = await decisionsOf(whole);
    expect(mustLink).toMatchObject({ kind: 'MUST_LINK' });
    await split(whole, [ref(LEDGER.name, 't2')]);
    expect((await decisionsOf(whole)).map((d) => d.kind)).toEqual(['SPLIT']);
    await resolveAll();
    expect(await customer(LEDGER.name, 't2')).not.toBe(await customer(CRM.name, 't1'));
  });

  it('lists a pin as a decision and lifts it by unpinning; refuses unknown ids and callers who are not stewards', async () => {
    await ingestRows(app, CRM.name, [{ id: 'p1', given: 'Nadia', family: 'Petrova', email: 'np@example.com' }]);
    const id = await customer(CRM.name, 'p1');
    await gql('mutation($id: ID!) { pinValue(customerId: $id, attribute: FAMILY_NAME, value: "Petrova-Ivanova", reason: "passport") { familyName { value } } }', { id });
    const [pin] = await decisionsOf(id);
    expect(pin).toMatchObject({ kind: 'PIN', attribute: 'FAMILY_NAME', by: 'steward-1', reason: 'passport' });
    expect((await lift(pin!.id)).liftDecision).toMatchObject({ kind: 'PIN' });
    expect(await decisionsOf(id)).toEqual([]);

    const unknown = await app.graphql('mutation { liftDecision(id: "cnl_00000000000000000000", reason: "x") { id } }', {}, steward);
    expect(unknown.body.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const garbage = await app.graphql('mutation { liftDecision(id: "nothing", reason: "x") { id } }', {}, steward);
    expect(garbage.body.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    for (const role of ['agent', 'marketer', 'auditor'] as const) {
      const denied = await app.graphql('mutation { liftDecision(id: "cnl_00000000000000000000", reason: "x") { id } }', {}, bearer('x', role));
      expect(denied.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
  });
});
