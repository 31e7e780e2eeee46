import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM, LEDGER, customerOfRecord, graphqlAs, ingestRows, resetWithGoldenSources } from './support/golden-sources.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';

const officer = bearer('po-1', 'privacy_officer');
const marketer = bearer('mkt-1', 'marketer');
const steward = bearer('steward-1', 'steward');
const SEGMENT = 'id count members(first: 50) { edges { node { id } } }';

type Segment = { id: string; count: number; members: { edges: Array<{ node: { id: string } }> } };

describe('restriction of processing', () => {
  let app: TestApp;
  let rosa: string;
  let sam: string;
  let segmentId: string;
  let requestId: string;
  const as = graphqlAs(() => app, officer);
  const segment = async () => (await graphqlAs(() => app, marketer)<{ segment: Segment }>(`query($id: ID!) { segment(id: $id) { ${SEGMENT} } }`, { id: segmentId })).segment;
  const exported = async () =>
    (
      await graphqlAs(() => app, marketer)<{ exportSegment: { contacts: Array<{ customerId: string }>; suppressed: Array<{ customerId: string }> } }>(
        'query($id: ID!) { exportSegment(id: $id, channel: EMAIL, first: 100) { contacts { customerId } suppressed { customerId } } }',
        { id: segmentId },
      )
    ).exportSegment;

  beforeAll(async () => {
    app = await startTestApp();
    await resetWithGoldenSources(app);
    await ingestRows(app, CRM.name, [
      { id: 'rosa-1', given: 'Rosa', family: 'Penhallow', email: 'rosa.penhallow@example.com', dob: '1990-05-05', city: 'Truro', postcode: 'TR1 2AB' },
      { id: 'sam-1', given: 'Sam', family: 'Okonkwo', email: 'sam.okonkwo@example.com', dob: '1972-08-30', city: 'Derby', postcode: 'DE1 1AA' },
    ]);
    rosa = (await customerOfRecord(app, CRM.name, 'rosa-1'))!;
    sam = (await customerOfRecord(app, CRM.name, 'sam-1'))!;
    const created = await graphqlAs(() => app, marketer)<{ createSegment: Segment }>(`mutation { createSegment(input: { name: "everyone", definition: { and: [] } }) { ${SEGMENT} } }`);
    segmentId = created.createSegment.id;
    expect(created.createSegment.count).toBe(2);
    requestId = (await as<{ openPrivacyRequest: { id: string } }>('mutation($c: ID!) { openPrivacyRequest(kind: RESTRICTION, customerId: $c) { id } }', { c: rosa })).openPrivacyRequest.id;
  }, 120_000);
  afterAll(async () => app?.stop());

  it('is refused before verification; once applied she is out of the segment\u2019s count, members and export, still visible to stewards', async () => {
    const early = await app.graphql('mutation($id: ID!) { restrictProcessing(requestId: $id) { status } }', { id: requestId }, officer);
    expect(early.body.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    await as('mutation($id: ID!) { verifyPrivacyRequester(id: $id, method: EMAIL_CONFIRMATION, reference: "mail 2024-113") { id } }', { id: requestId });
    const done = await as<{ restrictProcessing: { status: string; log: Array<{ step: string }> } }>('mutation($id: ID!) { restrictProcessing(requestId: $id) { status log { step } } }', { id: requestId });
    expect(done.restrictProcessing.status).toBe('COMPLETED');
    const after = await segment();
    expect(after.count).toBe(1);
    expect(after.members.edges.map((e) => e.node.id)).toEqual([sam]);
    const out = await exported();
    expect([...out.contacts, ...out.suppressed].map((c) => c.customerId)).not.toContain(rosa);
    const seen = await app.graphql<{ customer: { id: string; profile: { givenName: { value: string } } } }>('query($id: ID!) { customer(id: $id) { id profile { givenName { value } } } }', { id: rosa }, steward);
    expect(seen.body.data!.customer).toEqual({ id: rosa, profile: { givenName: { value: 'Rosa' } } });
  });

  it('links no new record into her automatically: the match waits for review', async () => {
    await ingestRows(app, LEDGER.name, [{ id: 'rosa-ledger-1', given: 'Rosa', family: 'Penhallow', email: 'rosa.penhallow@example.com', dob: '1990-05-05' }]);
    const joined = await customerOfRecord(app, LEDGER.name, 'rosa-ledger-1');
    expect(joined).not.toBeNull();
    expect(joined).not.toBe(rosa);
    const items = await app.graphql<{ reviewItems: Array<{ id: string; pairs: Array<{ reason: string }> }> }>('{ reviewItems(first: 10) { id pairs { reason } } }', {}, steward);
    expect(items.body.errors).toBeUndefined();
    const item = items.body.data!.reviewItems.find((i) => i.id.split(':').includes(rosa));
    expect(item?.pairs.map((p) => p.reason)).toContain('RESTRICTED');
  });

  it('is lifted as a step of the same request: she is back in the segment', async () => {
    const lifted = await as<{ liftRestriction: { status: string; log: Array<{ step: string; status: string | null }> } }>(
      'mutation($id: ID!) { liftRestriction(requestId: $id, reason: "accuracy confirmed") { status log { step status } } }',
      { id: requestId },
    );
    expect(lifted.liftRestriction.log.at(-1)).toEqual({ step: 'restriction lifted', status: null });
    expect((await segment()).members.edges.map((e) => e.node.id)).toContain(rosa);
    const twice = await app.graphql('mutation($id: ID!) { liftRestriction(requestId: $id, reason: "again") { status } }', { id: requestId }, officer);
    expect(twice.body.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
  });

  // Bug: a steward's merge moved a restricted person's records to a survivor that was not
  // restricted, so she was back in segments and exports; a split did the same.
  it('goes with her records through a merge and a split, and is lifted wherever it went', async () => {
    const joined = (await customerOfRecord(app, LEDGER.name, 'rosa-ledger-1'))!;
    // The request names the newer customer (her ledger record): the older one survives the merge.
    const again = (await as<{ openPrivacyRequest: { id: string } }>('mutation($c: ID!) { openPrivacyRequest(kind: RESTRICTION, customerId: $c) { id } }', { c: joined })).openPrivacyRequest.id;
    await as('mutation($id: ID!) { verifyPrivacyRequester(id: $id, method: EMAIL_CONFIRMATION, reference: "mail 2024-120") { id } }', { id: again });
    await as('mutation($id: ID!) { restrictProcessing(requestId: $id) { status } }', { id: again });
    const members = async () => (await segment()).members.edges.map((e) => e.node.id).sort();
    expect(await members()).toEqual([rosa, sam].sort());

    // Whichever customer survives the steward's merge, she stays restricted.
    const merged = await graphqlAs(() => app, steward)<{ mergeCustomers: { survivor: { id: string }; mergedAway: string } }>(
      'mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "same person") { survivor { id } mergedAway } }',
      { a: joined, b: rosa },
    );
    const survivor = merged.mergeCustomers.survivor.id;
    expect(survivor).toBe(rosa);
    expect(await members()).toEqual([sam]);

    // The restriction is on the records it was applied to: split off, the ledger record takes it
    // to its new customer, and the survivor, left with records never restricted, is free again.
    const split = await graphqlAs(() => app, steward)<{ splitCustomer: { to: Array<{ id: string }> } }>(
      'mutation($c: ID!, $r: [RecordRef!]!) { splitCustomer(customerId: $c, records: $r, reason: "check") { to { id } } }',
      { c: survivor, r: [{ source: LEDGER.name, sourceRecordId: 'rosa-ledger-1' }] },
    );
    const parted = split.splitCustomer.to[0]!.id;
    expect(parted).not.toBe(survivor);
    expect(await members()).toEqual([rosa, sam].sort());

    await as('mutation($id: ID!) { liftRestriction(requestId: $id, reason: "resolved") { status } }', { id: again });
    expect(await members()).toEqual([sam, survivor, parted].sort());
    const restricted = await app.executor.readRows<{ n: number }>('MATCH (c:Customer) WHERE c.restricted IS NOT NULL RETURN count(c) AS n');
    expect(restricted[0]!.n).toBe(0);
  });
});
