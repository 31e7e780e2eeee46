import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CRM, customerOfRecord, ingestRows, graphqlAs, resetWithGoldenSources } from './support/golden-sources.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';
import type { StaffRole } from '../src/auth/caller.ts';
import { GENESIS, sealEntries } from '../src/audit/hash-chain.ts';
import type { AuditEntry } from '../src/audit/audit.ts';

type Entry = { seq: number | null; actor: string; role: string; requestId: string | null; operation: string; customerIds: string[]; recordKeys: string[]; fields: string[]; reason: string | null; hash: string | null };
const ENTRY = 'seq actor role requestId operation customerIds recordKeys fields reason hash';
const as = (id: string, role: StaffRole) => bearer(id, role);

describe('audit trail over GraphQL', () => {
  let app: TestApp;
  const gql = graphqlAs(() => app, as('steward-1', 'steward'));
  const trail = async (args = '') => (await gql<{ auditTrail: Entry[] }>(`{ auditTrail(first: 1000${args}) { ${ENTRY} } }`, {}, as('auditor-1', 'auditor'))).auditTrail;

  beforeAll(async () => {
    app = await startTestApp();
  });
  beforeEach(() => resetWithGoldenSources(app));
  afterAll(async () => app.stop());

  it('records every operation with actor, role, time, ids and reason, and never a personal value', async () => {
    await ingestRows(app, CRM.name, [{ id: 'a1', given: 'Greta', family: 'Vasquez-Oyelaran', email: 'greta.vo@example.com', phone: '020 7946 0303' }], as('crm-sync', 'admin'));
    await ingestRows(app, CRM.name, [{ id: 'a2', given: 'Pieter', family: 'Achterberg', email: 'pieter.a@example.com' }], as('crm-sync', 'admin'));
    const [a, b] = [(await customerOfRecord(app, CRM.name, 'a1'))!, (await customerOfRecord(app, CRM.name, 'a2'))!];
    await gql('query($id: ID!) { customer(id: $id) { profile { familyName { value } } } }', { id: a }, as('agent-9', 'agent'));
    const merged = await gql<{ mergeCustomers: { eventId: string } }>('mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "ticket 42") { eventId } }', { a, b });
    await gql('mutation($e: ID!) { unmergeCustomers(eventId: $e, reason: "ticket 43") { eventIds } }', { e: merged.mergeCustomers.eventId });
    await gql('mutation($id: ID!) { pinValue(customerId: $id, attribute: FAMILY_NAME, value: "Vasquez", reason: "passport") { recordCount } }', { id: a });
    await gql('mutation($id: ID!) { unpinValue(customerId: $id, attribute: FAMILY_NAME, reason: "undo") { recordCount } }', { id: a });
    await gql('mutation { markDifferentPeople(a: { source: "crm2", sourceRecordId: "a1" }, b: { source: "crm2", sourceRecordId: "a2" }, reason: "checked") { sameCustomer } }');

    const entries = await trail();
    const ops = entries.map((e) => e.operation).reverse();
    // The unmerge (a later split) lifts the must-link the merge made, in the same transaction.
    expect(ops).toEqual(['SOURCE_REGISTER', 'SOURCE_REGISTER', 'INGEST', 'INGEST', 'READ_PROFILE', 'MERGE', 'DECISION_LIFT', 'UNMERGE', 'PIN', 'UNPIN', 'CANNOT_LINK']);
    const by = (op: string) => entries.find((e) => e.operation === op)!;
    expect(by('INGEST')).toMatchObject({ actor: 'crm-sync', role: 'admin', recordKeys: ['crm2|a2'] });
    expect(by('READ_PROFILE')).toMatchObject({ actor: 'agent-9', role: 'agent', customerIds: [a] });
    expect(by('READ_PROFILE').requestId).toBeTruthy();
    expect(by('MERGE')).toMatchObject({ actor: 'steward-1', role: 'steward', reason: 'ticket 42' });
    expect(by('MERGE').customerIds.sort()).toEqual([a, b].sort());
    expect(by('PIN')).toMatchObject({ customerIds: [a], fields: ['familyName'], reason: 'passport' });
    // Ids and request ids are random hex: a phone's digits can turn up in them by chance (cus_…7946…), so they are left out.
    const text = JSON.stringify(entries).replace(/cus_[0-9a-f]+|"requestId":"[^"]*"/g, '');
    for (const personal of ['Greta', 'Vasquez', 'greta.vo', '7946', 'Achterberg']) expect(text).not.toContain(personal);

    // Auditors ask who read a customer in a period.
    const log = await gql<{ customerAccessLog: Entry[] }>(
      'query($id: ID!, $from: DateTime!, $to: DateTime!) { customerAccessLog(customerId: $id, from: $from, to: $to) { actor role operation } }',
      { id: a, from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() },
      as('auditor-1', 'auditor'),
    );
    expect(log.customerAccessLog).toEqual([{ actor: 'agent-9', role: 'agent', operation: 'READ_PROFILE' }]);
  });

  it('records a read of source records’ personal fields, once per request, and not a read of their ids alone', async () => {
    await ingestRows(app, CRM.name, [{ id: 'p1', given: 'Lene', family: 'Haugland', email: 'lene.h@example.com' }, { id: 'p2', given: 'Lene', family: 'Haugland', email: 'lene.h@example.com' }]);
    const id = (await customerOfRecord(app, CRM.name, 'p1'))!;
    await gql('query($id: ID!) { customer(id: $id) { records { sourceRecordId } } }', { id }, as('app-1', 'agent'));
    expect((await trail(', operations: [READ_PROFILE]'))).toEqual([]);
    await gql('query($id: ID!) { customer(id: $id) { records { names { given } emails } } }', { id }, as('agent-2', 'agent'));
    const reads = await trail(', operations: [READ_PROFILE]');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actor: 'agent-2', recordKeys: ['crm2|p1', 'crm2|p2'] });
  });

  it('records configuration changes and replays of rejected records', async () => {
    await gql('mutation { setMatchRules(rules: [{ name: "same-email", identifierTypes: ["email"] }]) { name } }', {}, as('admin-1', 'admin'));
    const bad = await app.graphql<{ ingestRecord: { rejected: Array<{ rejectedRecordId: string }> } }>(
      'mutation($r: JSON!) { ingestRecord(source: "crm2", record: $r) { rejected { rejectedRecordId } } }',
      // No record id: rejected whole (a bad field value alone is a data-quality issue now).
      { r: { given: 'Ana', dob: '1990-13-45', updated: '2024-01-01T00:00:00Z' } },
    );
    expect(bad.body.data?.ingestRecord.rejected).toHaveLength(1);
    await gql('mutation { replayRejected(source: "crm2") { received } }', {}, as('admin-1', 'admin'));
    const entries = await trail();
    expect(entries.slice(0, 3).map((e) => [e.operation, e.actor])).toEqual([
      ['REJECTION_REPLAY', 'admin-1'],
      ['INGEST', 'admin-1'],
      ['INGEST', 'test-admin'],
    ]);
    expect(entries.find((e) => e.operation === 'RULES_SET')).toMatchObject({ actor: 'admin-1', role: 'admin' });
    expect(JSON.stringify(entries)).not.toContain('1990-13-45');
  });

  it('records review decisions, a split and a bulk re-resolution', async () => {
    await ingestRows(app, CRM.name, [
      { id: 'r1', given: 'Jane', family: 'Quillfeather', postcode: 'SW1A 1AA' },
      { id: 'r2', given: 'Jane', family: 'Quillfeather', postcode: 'E1 6AN' },
      { id: 'q1', given: 'Oskar', family: 'Brightwater', postcode: 'SW1A 1AA' },
      { id: 'q2', given: 'Oskar', family: 'Brightwater', postcode: 'E1 6AN' },
    ]);
    const pair = (a: string, b: string) => ({ a: { source: CRM.name, sourceRecordId: a }, b: { source: CRM.name, sourceRecordId: b } });
    await gql('mutation($i: [ReviewPairInput!]!) { rejectReviews(items: $i, reason: "namesakes") { outcome } }', { i: [pair('r1', 'r2')] });
    await gql('mutation($i: [ReviewPairInput!]!) { approveReviews(items: $i, reason: "same person") { outcome } }', { i: [pair('q1', 'q2')] });
    const oskar = (await customerOfRecord(app, CRM.name, 'q1'))!;
    await gql('mutation($id: ID!, $r: [RecordRef!]!) { splitCustomer(customerId: $id, records: $r, reason: "second look") { eventIds } }', { id: oskar, r: [pair('q2', 'q2').a] });
    await gql('mutation { resolveAll { records } }');
    const entries = await trail();
    expect(entries.slice(0, 2).map((e) => e.operation)).toEqual(['RESOLVE_ALL', 'SPLIT']);
    expect(entries.map((e) => e.operation)).toEqual(expect.arrayContaining(['RESOLVE_ALL', 'SPLIT', 'MERGE', 'REVIEW_APPROVE', 'REVIEW_REJECT']));
    const by = (op: string) => entries.find((e) => e.operation === op)!;
    expect(by('REVIEW_REJECT')).toMatchObject({ recordKeys: ['crm2|r1', 'crm2|r2'], reason: 'namesakes', actor: 'steward-1' });
    expect(by('REVIEW_APPROVE')).toMatchObject({ recordKeys: ['crm2|q1', 'crm2|q2'], reason: 'same person' });
    expect(by('SPLIT')).toMatchObject({ recordKeys: ['crm2|q2'], reason: 'second look', actor: 'steward-1', role: 'steward' });
    expect(by('SPLIT').customerIds).toContain(oskar);
  });

  it('chains entries so that verification fails after one is tampered with', async () => {
    await ingestRows(app, CRM.name, [{ id: 'h1', given: 'Ada', family: 'Byron', email: 'ada.b@example.com' }]);
    const id = (await customerOfRecord(app, CRM.name, 'h1'))!;
    for (let i = 0; i < 3; i++) await gql('query($id: ID!) { customer(id: $id) { profile { familyName { value } } } }', { id });
    const ok = await gql<{ verifyAuditChain: { ok: boolean; entries: number; head: string | null } }>('{ verifyAuditChain { ok entries head brokenAtSeq } }', {}, as('auditor-1', 'auditor'));
    // Two source registrations, one ingest, three reads.
    expect(ok.verifyAuditChain).toMatchObject({ ok: true, entries: 6 });
    const sealed = await trail();
    expect(sealed.map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);

    // Someone with database access hides that agent-x read the profile.
    await app.executor.writeRows("MATCH (e:AuditEntry {seq: 5}) SET e.actor = 'nobody'");
    const broken = await gql<{ verifyAuditChain: { ok: boolean; brokenAtSeq: number; brokenReason: string } }>('{ verifyAuditChain { ok brokenAtSeq brokenReason } }', {}, as('auditor-1', 'auditor'));
    expect(broken.verifyAuditChain).toEqual({ ok: false, brokenAtSeq: 5, brokenReason: 'hash-mismatch' });
  });

  it('catches a rewrite of the whole chain against an anchor logged outside the database, and names a malformed anchor', async () => {
    await ingestRows(app, CRM.name, [{ id: 'h2', given: 'Ada', family: 'Byron', email: 'ada.b@example.com' }]);
    await gql('query($id: ID!) { customer(id: $id) { profile { familyName { value } } } }', { id: await customerOfRecord(app, CRM.name, 'h2') });
    type Status = { ok: boolean; entries: number; head: string | null; brokenAtSeq: number | null; brokenReason: string | null };
    const VERIFY = 'query($a: [AuditAnchorInput!]) { verifyAuditChain(anchors: $a) { ok entries head brokenAtSeq brokenReason } }';
    const before = (await gql<{ verifyAuditChain: Status }>(VERIFY, { a: [] }, as('auditor-1', 'auditor'))).verifyAuditChain;
    expect(before.ok).toBe(true);
    const anchor = { seq: before.entries, hash: before.head! };

    // Someone with database access edits the read entry and re-hashes every entry and the head.
    const entries = await app.executor.readRows<{ entry: AuditEntry }>(
      `MATCH (e:AuditEntry) RETURN e {.id, .seq, at: toString(e.at), .actor, .role, .requestId, .operation, .customerIds,
       .recordKeys, .fields, .reason, .detail, .v, .recordKeySalts, .recordKeyDigests, .reasonSalt, .reasonDigest} AS entry ORDER BY e.seq`,
    );
    const forged = sealEntries(GENESIS, entries.map(({ entry }) => (entry.operation === 'read.profile' ? { ...entry, actor: 'nobody' } : entry)));
    await app.executor.writeRows('UNWIND $rows AS row MATCH (e:AuditEntry {id: row.id}) SET e.actor = row.actor, e.prevHash = row.prevHash, e.hash = row.hash', {
      rows: forged.map((e) => ({ id: e.id, actor: e.actor, prevHash: e.prevHash, hash: e.hash })),
    });
    await app.executor.writeRows("MATCH (h:AuditHead {id: 'chain'}) SET h.hash = $hash", { hash: forged.at(-1)!.hash });
    // The chain alone holds together; the anchor does not.
    expect((await gql<{ verifyAuditChain: Status }>(VERIFY, { a: [] }, as('auditor-1', 'auditor'))).verifyAuditChain).toMatchObject({ ok: true });
    expect((await gql<{ verifyAuditChain: Status }>(VERIFY, { a: [anchor] }, as('auditor-1', 'auditor'))).verifyAuditChain).toMatchObject({ ok: false, brokenAtSeq: anchor.seq, brokenReason: 'anchor-mismatch' });
    // An anchor past the end of the chain: entries it vouched for are gone.
    const ahead = (await gql<{ verifyAuditChain: Status }>(VERIFY, { a: [{ seq: anchor.seq + 50, hash: anchor.hash }] }, as('auditor-1', 'auditor'))).verifyAuditChain;
    expect(ahead).toMatchObject({ ok: false, brokenReason: 'gap' });

    const bad = await app.graphql(VERIFY, { a: [{ seq: 1, hash: anchor.hash }, { seq: 2, hash: 'not-a-hash' }] }, as('auditor-1', 'auditor'));
    expect(bad.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['anchors', 1, 'hash'] }, path: ['verifyAuditChain'] });
  });

  it('offers no way to change or delete an entry through the API', async () => {
    const mutations = await gql<{ __type: { fields: Array<{ name: string }> } }>('{ __type(name: "Mutation") { fields { name } } }');
    expect(mutations.__type.fields.map((f) => f.name).filter((n) => /audit/i.test(n))).toEqual([]);
  });
});
