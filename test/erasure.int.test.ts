import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptingCodec, keyRing } from '../src/privacy/encrypting-codec.ts';
import { CRM, LEDGER, customerOfRecord, graphqlAs, ingestRows, resetWithGoldenSources } from './support/golden-sources.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';

const officer = bearer('po-1', 'privacy_officer');
const auditor = bearer('auditor-1', 'auditor');
const steward = bearer('steward-1', 'steward');
const ring = keyRing('k1', new Map([['k1', randomBytes(32)]]), randomBytes(32));
const codec = encryptingCodec(ring);

const NINA = { email: 'nina.halvorsen@example.com', oldEmail: 'n.halvorsen.1999@example.net', phone: '+44 20 7946 0733', dob: '1988-11-23', street: '12 Wickham Terrace', postcode: 'EX4 6NT' };
// Everything of hers a scan of the whole graph must not find afterwards, decoded or not.
const HER_VALUES = ['nina.halvorsen', 'n.halvorsen.1999', 'halvorsen', '2079460733', '7946 0733', '1988-11-23', 'wickham', 'EX4 6NT', 'nina-crm-1', 'nina-crm-2', 'nina-ledger-1', 'TX-4471-88', '5678905001', '5678905002'];

const order = (n: number) => ({
  id: 5_678_900_000 + n,
  order_number: n,
  email: NINA.email,
  customer: { id: 9301, first_name: 'Nina', last_name: 'Halvorsen' },
  line_items: [{ id: n, variant_id: 42, sku: 'SKU-TEA-01', title: 'Earl Grey, 250g', quantity: 1, price: '4.50' }],
  total_price: '4.50',
  currency: 'GBP',
  financial_status: 'paid',
  created_at: '2024-03-01T10:00:00Z',
  updated_at: '2024-03-01T10:00:00Z',
});

type Report = { complete: boolean; customers: number; records: number; tombstoneKeys: number; auditEntriesRedacted: number; legacyAuditEntries: number; request: { status: string } };

describe('erasure', () => {
  let app: TestApp;
  let nina: string;
  let otto: string;
  let requestId: string;
  const as = graphqlAs(() => app, officer);
  let before: Map<string, { labels: string; linked: boolean }>;

  /** Every node: its labels and whether it has a relationship. */
  const census = async () =>
    new Map(
      (await app.executor.readRows<{ e: string; labels: string[]; linked: boolean }>('MATCH (n) RETURN elementId(n) AS e, labels(n) AS labels, EXISTS { (n)--() } AS linked')).map((r) => [
        r.e,
        { labels: r.labels.filter((l) => l !== 'AuditUnsealed').sort().join(':'), linked: r.linked },
      ]),
    );

  beforeAll(async () => {
    app = await startTestApp({ serviceOptions: { codec } });
    await resetWithGoldenSources(app);
    await ingestRows(app, CRM.name, [
      { id: 'nina-crm-1', given: 'Nina', family: 'Halvorsen', email: NINA.email, phone: NINA.phone, dob: NINA.dob, street: NINA.street, city: 'Exeter', postcode: NINA.postcode },
      { id: 'otto-crm-1', given: 'Otto', family: 'Brennigan', email: 'otto.brennigan@example.org', dob: '1961-02-14', street: '3 Mill Lane', city: 'Leeds', postcode: 'LS1 4AP' },
    ]);
    await ingestRows(app, LEDGER.name, [{ id: 'nina-ledger-1', given: 'Nina', family: 'Halvorsen', email: NINA.email, dob: 'a Tuesday', taxId: 'TX-4471-88' }]);
    await ingestRows(app, CRM.name, [{ id: 'nina-crm-2', given: 'N', family: 'Halvorsen-Berg', email: NINA.oldEmail }]);
    const shop = await app.graphql('mutation($r: [JSON!]!) { ingestBatch(source: "webshop", records: $r) { rejected { reason } } }', { r: [order(5001), order(5002)] });
    expect(shop.body.errors).toBeUndefined();
    nina = (await customerOfRecord(app, CRM.name, 'nina-crm-1'))!;
    otto = (await customerOfRecord(app, CRM.name, 'otto-crm-1'))!;
    const other = (await customerOfRecord(app, CRM.name, 'nina-crm-2'))!;
    expect((await app.graphql('mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "N. Halvorsen-Berg is Nina Halvorsen") { survivor { id } } }', { a: nina, b: other }, steward)).body.errors).toBeUndefined();
    nina = (await customerOfRecord(app, CRM.name, 'nina-crm-1'))!;
    expect((await app.graphql('mutation($c: ID!) { pinValue(customerId: $c, attribute: PHONE, value: "+44 20 7946 0733", reason: "Nina Halvorsen confirmed 020 7946 0733") { familyName { value } } }', { c: nina }, steward)).body.errors).toBeUndefined();
    expect((await app.graphql('query($id: ID!) { customer(id: $id) { profile { emails { value } } } }', { id: nina }, steward)).body.errors).toBeUndefined();
    // Her consent, recorded on her customer: erased with her, not left behind as an orphan decision.
    const consent = 'mutation($c: ID!) { recordConsent(customerId: $c, input: { purpose: MARKETING, channel: SMS, value: DENIED, givenAt: "2024-05-01T08:00:00Z", evidence: "call:5521" }) { customerId } }';
    expect((await app.graphql(consent, { c: nina })).body.errors).toBeUndefined();
    await app.services.audit.seal();
    const opened = await as<{ openPrivacyRequest: { id: string } }>('mutation($c: ID!) { openPrivacyRequest(kind: ERASURE, customerId: $c) { id } }', { c: nina });
    requestId = opened.openPrivacyRequest.id;
    before = await census();
  }, 120_000);
  afterAll(async () => app?.stop());

  it('refuses to erase before verification, then erases across a crash: the second run finishes what the first left', async () => {
    const early = await app.graphql('mutation($id: ID!) { erasePerson(requestId: $id) { complete } }', { id: requestId }, officer);
    expect(early.body.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    await as('mutation($id: ID!) { verifyPrivacyRequester(id: $id, method: ACCOUNT_LOGIN, reference: "ticket 88") { id } }', { id: requestId });
    // A crash after the records went: the customers are still there, marked, and the request in progress.
    const half = await app.services.erasure.erase(requestId, { id: 'po-1', role: 'privacy_officer', requestId: null }, { stopAfter: 'records' });
    expect(half).toMatchObject({ complete: false, request: { status: 'IN_PROGRESS', erasureStep: 'customers' } });
    const [marked] = await app.executor.readRows<{ erasing: string | null }>('MATCH (c:Customer {id: $id}) RETURN c.erasing AS erasing', { id: nina });
    expect(marked?.erasing).toBe(requestId);
    const done = await as<{ erasePerson: Report }>(
      'mutation($id: ID!) { erasePerson(requestId: $id) { complete customers records tombstoneKeys auditEntriesRedacted legacyAuditEntries request { status } } }',
      { id: requestId },
    );
    expect(done.erasePerson).toMatchObject({ complete: true, customers: 2, request: { status: 'COMPLETED' } });
    expect(half.records).toBe(4);
    expect(half.tombstoneKeys).toBeGreaterThanOrEqual(8);
    expect(half.auditEntriesRedacted).toBeGreaterThan(0);
    expect(half.legacyAuditEntries).toBe(0);
  });

  it('leaves no value of hers anywhere, decoded or not, and no orphan node; the other customer is untouched', async () => {
    const nodes = await app.executor.readRows<{ labels: string[]; props: Record<string, unknown> }>('MATCH (n) RETURN labels(n) AS labels, properties(n) AS props');
    const rels = await app.executor.readRows<{ type: string; props: Record<string, unknown> }>('MATCH ()-[r]->() RETURN type(r) AS type, properties(r) AS props');
    const decoded = (value: unknown): string => (typeof value === 'string' ? codec.decode(value) : Array.isArray(value) ? value.map(decoded).join('\u0000') : JSON.stringify(value ?? null));
    const hits = [...nodes.map((n) => ({ what: n.labels.join(':'), props: n.props })), ...rels.map((r) => ({ what: r.type, props: r.props }))].flatMap(({ what, props }) =>
      Object.entries(props).flatMap(([name, value]) => {
        const text = decoded(value).toLowerCase();
        return HER_VALUES.filter((v) => text.includes(v.toLowerCase())).map((v) => `${what}.${name} holds ${v}`);
      }),
    );
    expect(hits).toEqual([]);
    expect(await app.executor.readRows('MATCH (c:Customer {id: $id}) RETURN c', { id: nina })).toEqual([]);
    // No node that hung off something is left hanging off nothing (an identifier, a blocking key, a household, a decision)...
    const after = await census();
    // (A source whose only records were hers stays: it is reference data, not hers.)
    const orphaned = [...after]
      .filter(([e, now]) => !now.linked && now.labels !== 'Source' && before.get(e)?.linked === true && before.get(e)?.labels === now.labels)
      .map(([, now]) => now.labels);
    expect(orphaned).toEqual([]);
    // ...and what erasure wrote is its own record: audit entries and the tombstone, nothing else.
    const written = new Set([...after].filter(([e, now]) => before.get(e)?.labels !== now.labels).map(([, now]) => now.labels));
    expect([...written].sort()).toEqual(['AuditEntry', 'TombstoneKey']);
    expect(await customerOfRecord(app, CRM.name, 'otto-crm-1')).toBe(otto);
  });

  it('keeps the audit chain verifiable', async () => {
    const res = await app.graphql<{ verifyAuditChain: { ok: boolean; entries: number } }>('{ verifyAuditChain { ok entries } }', {}, auditor);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.verifyAuditChain.ok).toBe(true);
    const [erased] = await app.executor.readRows<{ n: number }>("MATCH (e:AuditEntry) WHERE e.erasedBy = $id RETURN count(e) AS n", { id: requestId });
    expect(erased!.n).toBeGreaterThan(0);
  });

  it('holds back a re-import of her (same record id, or her e-mail from another source), single and bulk, and reports it; a release stores it', async () => {
    const again = await app.graphql<{ ingestBatch: { stored: number; heldBack: Array<{ position: number; sourceRecordId: string; heldBackId: string; requestId: string }> } }>(
      'mutation($s: String!, $r: [JSON!]!) { ingestBatch(source: $s, records: $r) { stored heldBack { position sourceRecordId heldBackId requestId } } }',
      { s: CRM.name, r: [{ id: 'nina-crm-1', given: 'Nina', family: 'Halvorsen', updated: '2024-06-01T00:00:00Z' }, { id: 'pia-crm-1', given: 'Pia', family: 'Lund', email: 'pia.lund@example.com', updated: '2024-06-01T00:00:00Z' }] },
    );
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data!.ingestBatch.stored).toBe(1);
    expect(again.body.data!.ingestBatch.heldBack).toMatchObject([{ position: 0, sourceRecordId: 'nina-crm-1', requestId }]);
    expect(await customerOfRecord(app, CRM.name, 'nina-crm-1')).toBeNull();
    expect(await customerOfRecord(app, CRM.name, 'pia-crm-1')).not.toBeNull();

    const bulk = await fetch(`${app.url}/ingest/${LEDGER.name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', ...(await app.authHeaders()) },
      body: `${JSON.stringify({ id: 'nina-ledger-77', given: 'Nina', family: 'H', email: NINA.email.toUpperCase(), updated: '2024-06-01T00:00:00Z' })}\n`,
    });
    const outcome = (await bulk.json()) as { stored: number; heldBackCount: number; heldBack: Array<{ sourceRecordId: string; requestId: string }> };
    expect(bulk.status).toBe(200);
    expect(outcome).toMatchObject({ stored: 0, heldBackCount: 1, heldBack: [{ sourceRecordId: 'nina-ledger-77', requestId }] });
    expect(await customerOfRecord(app, LEDGER.name, 'nina-ledger-77')).toBeNull();

    const held = await as<{ heldBackRecords: Array<{ id: string; requestId: string; matchedOn: string[]; status: string }> }>('{ heldBackRecords { id requestId matchedOn status source } }');
    expect(held.heldBackRecords.map((h) => [h.matchedOn, h.requestId]).sort()).toEqual([
      [['EMAIL'], requestId],
      [['SOURCE_RECORD_ID'], requestId],
    ]);
    // Kept encrypted: nothing in clear on the held-back node.
    const [raw] = await app.executor.readRows<{ props: Record<string, unknown> }>("MATCH (h:HeldBackRecord {source: $s}) RETURN properties(h) AS props", { s: LEDGER.name });
    expect(JSON.stringify(raw!.props).toLowerCase()).not.toContain('halvorsen');
    const events = await app.graphql<{ auditTrail: Array<{ operation: string }> }>('{ auditTrail(operations: [PRIVACY_HELD_BACK]) { operation } }', {}, auditor);
    expect(events.body.data!.auditTrail).toHaveLength(2);

    const ledger = held.heldBackRecords.find((h) => h.matchedOn.includes('EMAIL'))!;
    const crm = held.heldBackRecords.find((h) => h.matchedOn.includes('SOURCE_RECORD_ID'))!;
    const released = await as<{ releaseHeldBackRecord: { status: string } }>('mutation($id: ID!) { releaseHeldBackRecord(id: $id, reason: "came back and consented") { status } }', { id: ledger.id });
    expect(released.releaseHeldBackRecord.status).toBe('RELEASED');
    expect(await customerOfRecord(app, LEDGER.name, 'nina-ledger-77')).not.toBeNull();
    const discarded = await as<{ discardHeldBackRecord: { status: string } }>('mutation($id: ID!) { discardHeldBackRecord(id: $id, reason: "stale export") { status } }', { id: crm.id });
    expect(discarded.discardHeldBackRecord.status).toBe('DISCARDED');
    const twice = await app.graphql('mutation($id: ID!) { discardHeldBackRecord(id: $id, reason: "again") { status } }', { id: crm.id }, officer);
    expect(twice.body.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    expect((await as<{ heldBackRecords: unknown[] }>('{ heldBackRecords { id } }')).heldBackRecords).toEqual([]);
  });
});
