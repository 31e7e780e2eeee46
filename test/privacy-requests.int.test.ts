import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM, LEDGER, customerOfRecord, graphqlAs, ingestRows, resetWithGoldenSources } from './support/golden-sources.ts';
import { missingFromExport, personGraph } from './support/person-graph.ts';
import { bearer, startTestApp, testCodec, type GraphQLResponse, type TestApp } from './support/test-app.ts';

const officer = bearer('po-1', 'privacy_officer');
const auditor = bearer('auditor-1', 'auditor');
const steward = bearer('steward-1', 'steward');
const JANE = 'jane.marlowe@example.com';
const REQUEST = 'id kind customerId status receivedAt dueAt overdue extensionReason openedBy consentDecision closedAt verification { method reference verifiedBy } log { step status actor role note }';

type Request = {
  id: string;
  kind: string;
  customerId: string;
  status: string;
  receivedAt: string;
  dueAt: string;
  overdue: boolean;
  extensionReason: string | null;
  openedBy: string;
  consentDecision: string | null;
  closedAt: string | null;
  verification: { method: string; reference: string; verifiedBy: string } | null;
  log: Array<{ step: string; status: string | null; actor: string; role: string; note: string | null }>;
};

const codeOf = (res: GraphQLResponse) => res.body.errors?.[0]?.extensions?.['code'];
const order = (n: number, at: string) => ({
  id: 5_678_900_000 + n,
  order_number: n,
  email: JANE,
  customer: { id: 9100, first_name: 'Jane', last_name: 'Marlowe' },
  line_items: [{ id: n, variant_id: 42, sku: 'SKU-TEA-01', title: 'Earl Grey, 250g', quantity: 1, price: '4.50' }],
  total_price: '4.50',
  currency: 'GBP',
  financial_status: 'paid',
  created_at: at,
  updated_at: at,
});

describe('data subject requests', () => {
  let app: TestApp;
  let jane: string;
  const as = graphqlAs(() => app, officer);
  const open = (kind: string, customerId: string, receivedAt?: string) =>
    as<{ openPrivacyRequest: Request }>(`mutation($k: PrivacyRequestKind!, $c: ID!, $r: DateTime) { openPrivacyRequest(kind: $k, customerId: $c, receivedAt: $r, note: "by letter") { ${REQUEST} } }`, {
      k: kind,
      c: customerId,
      r: receivedAt ?? null,
    }).then((d) => d.openPrivacyRequest);
  const verify = (id: string, headers = officer) =>
    app.graphql<{ verifyPrivacyRequester: Request }>(`mutation($id: ID!) { verifyPrivacyRequester(id: $id, method: ID_DOCUMENT_SEEN, reference: "case 4411") { ${REQUEST} } }`, { id }, headers);
  const exportOf = (requestId: string) =>
    app.graphql<{ exportPersonalData: { customerId: string; document: Record<string, unknown> } }>('mutation($id: ID!) { exportPersonalData(requestId: $id) { customerId document } }', { id: requestId }, officer);

  beforeAll(async () => {
    app = await startTestApp();
    await resetWithGoldenSources(app);
    // Jane in two sources (one version with a date of birth that is no date), a third record a steward merges in, orders in the web shop.
    await ingestRows(app, CRM.name, [
      { id: 'jane-crm-1', given: 'Jane', family: 'Marlowe', email: JANE, phone: '+44 20 7946 0112', dob: '1984-06-09', street: '4 Quarry Row', city: 'Frome', postcode: 'BA11 1AA' },
      { id: 'bob-crm-1', given: 'Bob', family: 'Tenbury', email: 'bob.tenbury@example.org', dob: '1950-01-01' },
    ]);
    await ingestRows(app, LEDGER.name, [{ id: 'jane-ledger-1', given: 'Jane', family: 'Marlowe', email: JANE, dob: 'the ninth of June', taxId: 'TX-991-22' }]);
    await ingestRows(app, CRM.name, [{ id: 'jane-crm-2', given: 'J', family: 'Marlowe-Hale', email: 'jmh.old@example.net' }]);
    const res = await app.graphql('mutation($s: String!, $r: [JSON!]!) { ingestBatch(source: $s, records: $r) { rejected { reason } } }', {
      s: 'webshop',
      r: [order(1, '2024-03-01T10:00:00Z'), order(2, '2024-03-02T10:00:00Z')],
    });
    expect(res.body.errors).toBeUndefined();
    jane = (await customerOfRecord(app, CRM.name, 'jane-crm-1'))!;
    expect(await customerOfRecord(app, LEDGER.name, 'jane-ledger-1')).toBe(jane);
    const other = (await customerOfRecord(app, CRM.name, 'jane-crm-2'))!;
    expect(other).not.toBe(jane);
    const merged = await app.graphql('mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "same person, old address") { survivor { id } } }', { a: jane, b: other }, steward);
    expect(merged.body.errors).toBeUndefined();
    jane = (await customerOfRecord(app, CRM.name, 'jane-crm-1'))!;
    const pinned = await app.graphql('mutation($c: ID!) { pinValue(customerId: $c, attribute: FAMILY_NAME, value: "Marlowe", reason: "checked with her") { familyName { value } } }', { c: jane }, steward);
    expect(pinned.body.errors).toBeUndefined();
    // Partner enrichment on her e-mail, through a partner key.
    await app.graphql('mutation { registerEnrichmentNamespace(input: { name: "credit", partner: "acme", attributes: { band: { type: "string", maxLength: 5 } } }) { name } }');
    const key = await app.graphql<{ createApiKey: { key: string } }>('mutation { createApiKey(input: { name: "acme", scope: "partner:acme", expiresInDays: 1 }) { key } }');
    const enriched = await app.graphql('mutation($v: String!) { appendEnrichment(identifier: { type: "email", value: $v }, namespace: "credit", attributes: { band: "B" }) { version } }', { v: JANE }, {
      authorization: `Bearer ${key.body.data!.createApiKey.key}`,
    });
    expect(enriched.body.errors).toBeUndefined();
    // Her marketing consent by e-mail, recorded directly (a preference centre): consent is data about her too.
    const consented = await app.graphql(
      'mutation($c: ID!) { recordConsent(customerId: $c, input: { purpose: MARKETING, channel: EMAIL, value: GRANTED, givenAt: "2024-02-01T09:00:00Z", evidence: "pref-centre:771" }) { customerId } }',
      { c: jane },
    );
    expect(consented.body.errors).toBeUndefined();
    // Two reads of her profile: the access export says who read what.
    for (const who of [steward, bearer('agent-7', 'agent')]) {
      expect((await app.graphql('query($id: ID!) { customer(id: $id) { profile { givenName { value } emails { value } } } }', { id: jane }, who)).body.errors).toBeUndefined();
    }
    await app.services.audit.seal();
  }, 120_000);
  afterAll(async () => app?.stop());

  it('tracks a request from receipt: due in 30 days, overdue once past it, extended once by two months, every step logged and audited', async () => {
    const received = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const late = await open('ACCESS', jane, received);
    expect(late).toMatchObject({ kind: 'ACCESS', customerId: jane, status: 'RECEIVED', openedBy: 'po-1', overdue: true });
    expect(Date.parse(late.dueAt) - Date.parse(late.receivedAt)).toBe(30 * 86_400_000);
    const fresh = await open('ERASURE', jane);
    expect(fresh.overdue).toBe(false);
    const overdue = await as<{ privacyRequests: Request[] }>(`{ privacyRequests(filter: { overdue: true }) { id } }`);
    expect(overdue.privacyRequests.map((r) => r.id)).toEqual([late.id]);
    // In the future: refused, naming the field.
    const future = await app.graphql('mutation($c: ID!) { openPrivacyRequest(kind: ACCESS, customerId: $c, receivedAt: "2999-01-01T00:00:00Z") { id } }', { c: jane }, officer);
    expect(future.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['receivedAt'] });

    const extended = await as<{ extendPrivacyRequest: Request }>(`mutation($id: ID!) { extendPrivacyRequest(id: $id, reason: "complex: four sources") { ${REQUEST} } }`, { id: late.id });
    expect(extended.extendPrivacyRequest.extensionReason).toBe('complex: four sources');
    expect(extended.extendPrivacyRequest.overdue).toBe(false);
    expect(new Date(extended.extendPrivacyRequest.dueAt).getUTCMonth()).toBe((new Date(late.dueAt).getUTCMonth() + 2) % 12);
    const again = await app.graphql(`mutation($id: ID!) { extendPrivacyRequest(id: $id, reason: "more") { id } }`, { id: late.id }, officer);
    expect(codeOf(again)).toBe('CONFLICT');

    // Auditors read the log; stewards do not see requests at all; auditors cannot act.
    const read = await app.graphql<{ privacyRequest: Request }>(`query($id: ID!) { privacyRequest(id: $id) { ${REQUEST} } }`, { id: late.id }, auditor);
    expect(read.body.data!.privacyRequest.log.map((s) => [s.step, s.status, s.actor])).toEqual([
      ['opened', 'RECEIVED', 'po-1'],
      ['extended', null, 'po-1'],
    ]);
    expect(codeOf(await app.graphql(`query($id: ID!) { privacyRequest(id: $id) { id } }`, { id: late.id }, steward))).toBe('FORBIDDEN');
    expect(codeOf(await verify(late.id, auditor))).toBe('FORBIDDEN');
    const trail = await app.graphql<{ auditTrail: Array<{ operation: string; actor: string; detail: string }> }>(
      `query($c: ID!) { auditTrail(customerId: $c, operations: [PRIVACY_REQUEST_OPEN, PRIVACY_REQUEST_STEP]) { operation actor detail } }`,
      { c: jane },
      auditor,
    );
    expect(trail.body.data!.auditTrail.filter((e) => JSON.stringify(e.detail).includes(late.id)).map((e) => e.operation).sort()).toEqual(['PRIVACY_REQUEST_OPEN', 'PRIVACY_REQUEST_STEP']);
  });

  it('carries out nothing before the requester is verified, and one of two officers verifying at once wins', async () => {
    const request = await open('ACCESS', jane);
    expect(codeOf(await exportOf(request.id))).toBe('CONFLICT');
    const both = await Promise.all([verify(request.id), verify(request.id, bearer('po-2', 'privacy_officer'))]);
    expect(both.map(codeOf).sort()).toEqual(['CONFLICT', undefined]);
    const verified = both.find((r) => !r.body.errors)!.body.data!.verifyPrivacyRequester;
    expect(verified.status).toBe('VERIFIED');
    expect(verified.verification).toMatchObject({ method: 'ID_DOCUMENT_SEEN', reference: 'case 4411' });
    const rejected = await open('ERASURE', jane);
    await as(`mutation($id: ID!) { rejectPrivacyRequest(id: $id, reason: "identity not proven") { id } }`, { id: rejected.id });
    expect(codeOf(await verify(rejected.id))).toBe('CONFLICT');
  });

  it('exports everything the graph holds about her: every node reachable from her customer, every property, valid against the served schema', async () => {
    const request = await open('PORTABILITY', jane);
    expect((await verify(request.id)).body.errors).toBeUndefined();
    const { nodes, foreign } = await personGraph(app, jane);
    const labels = new Set(nodes.flatMap((n) => n.labels));
    // The walk found what the fixture made, by itself.
    for (const label of ['SourceRecord', 'Identifier', 'Interaction', 'DataQualityIssue', 'Enrichment', 'LineageEvent', 'GoldenChange', 'AuditEntry', 'MustLinkDecision', 'BlockingKey', 'PrivacyRequest', 'ConsentDecision']) {
      expect(labels).toContain(label);
    }
    const res = await exportOf(request.id);
    expect(res.body.errors).toBeUndefined();
    const document = res.body.data!.exportPersonalData.document;
    const omitted = new Set(app.services.privacyExport.registered().flatMap((s) => Object.keys(s.omits ?? {})));
    expect(missingFromExport(nodes, foreign, document, testCodec(), omitted)).toEqual([]);
    // Who read the profile, with what.
    const reads = (document['sections'] as Record<string, Array<{ actor: string; role: string; at: string; fields: string[] }>>)['profileReads']!;
    expect(reads.map((r) => r.actor).sort()).toEqual(expect.arrayContaining(['agent-7', 'steward-1']));
    expect(reads.find((r) => r.actor === 'agent-7')!.fields).toContain('GoldenProfile.emails');
    // Valid against the schema the API serves, which is the committed file.
    const schema = (await as<{ privacyExportSchema: Record<string, unknown> }>('{ privacyExportSchema }')).privacyExportSchema;
    expect(schema).toEqual(JSON.parse(readFileSync(new URL('../docs/privacy-export.schema.json', import.meta.url), 'utf8')));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    // Completed, audited, and the read of the document is a read of her profile.
    expect((await as<{ privacyRequest: Request }>(`query($id: ID!) { privacyRequest(id: $id) { ${REQUEST} } }`, { id: request.id })).privacyRequest.status).toBe('COMPLETED');
    const trail = await app.graphql<{ auditTrail: Array<{ operation: string; fields: string[] }> }>(`query($c: ID!) { auditTrail(customerId: $c, operations: [PRIVACY_EXPORT, READ_PROFILE]) { operation fields } }`, { c: jane }, auditor);
    expect(trail.body.data!.auditTrail.map((e) => e.operation)).toContain('PRIVACY_EXPORT');
    expect(trail.body.data!.auditTrail.some((e) => e.fields.includes('PrivacyExport.document'))).toBe(true);
  });

  it('notices a new kind of data the export does not know: a node hung off her record makes the check fail', async () => {
    await app.executor.write((tx) =>
      tx.run(`MATCH (r:SourceRecord {key: $k}) CREATE (r)-[:HAS_NOTE]->(:LoyaltyNote {id: 'note-1', text: 'prefers loose-leaf tea'})`, { k: `${CRM.name}|jane-crm-1` }),
    );
    try {
      const request = await open('ACCESS', jane);
      await verify(request.id);
      const { nodes, foreign } = await personGraph(app, jane);
      const document = (await exportOf(request.id)).body.data!.exportPersonalData.document;
      expect(missingFromExport(nodes, foreign, document, testCodec(), new Set())).toEqual(expect.arrayContaining(['LoyaltyNote.id', 'LoyaltyNote.text']));
    } finally {
      await app.executor.write((tx) => tx.run(`MATCH (n:LoyaltyNote) DETACH DELETE n`));
    }
  });

  it('rectifies as a steward pin whose reason is the request', async () => {
    const request = await open('RECTIFICATION', jane);
    expect(codeOf(await app.graphql(`mutation($id: ID!) { rectifyPersonalData(requestId: $id, attribute: GIVEN_NAME, value: "Janet") { id } }`, { id: request.id }, officer))).toBe('CONFLICT');
    await verify(request.id);
    const done = await as<{ rectifyPersonalData: Request }>(`mutation($id: ID!) { rectifyPersonalData(requestId: $id, attribute: GIVEN_NAME, value: "Janet") { ${REQUEST} } }`, { id: request.id });
    expect(done.rectifyPersonalData.status).toBe('COMPLETED');
    const profile = await app.graphql<{ customer: { profile: { givenName: { value: string; rule: string } } } }>('query($id: ID!) { customer(id: $id) { profile { givenName { value rule } } } }', { id: jane }, steward);
    expect(profile.body.data!.customer.profile.givenName).toEqual({ value: 'Janet', rule: 'PINNED' });
    const trail = await app.graphql<{ auditTrail: Array<{ operation: string; reason: string | null; fields: string[] }> }>(`query($c: ID!) { auditTrail(customerId: $c, operations: [PIN]) { operation reason fields } }`, { c: jane }, auditor);
    expect(trail.body.data!.auditTrail).toContainEqual({ operation: 'PIN', reason: `privacy request ${request.id} (rectification)`, fields: ['givenName'] });
  });

  it('records an objection\u2019s decision on the request for consent to act on, only once verified', async () => {
    const request = await open('OBJECTION', jane);
    const decide = (id: string) => app.graphql<{ decideConsentRequest: Request }>(`mutation($id: ID!) { decideConsentRequest(requestId: $id, decision: UPHELD, note: "direct marketing") { ${REQUEST} } }`, { id }, officer);
    expect(codeOf(await decide(request.id))).toBe('CONFLICT');
    await verify(request.id);
    const decided = (await decide(request.id)).body.data!.decideConsentRequest;
    expect(decided).toMatchObject({ status: 'COMPLETED', consentDecision: 'UPHELD' });
    // Upheld: her objection is a consent flag now, dated when the request came in, with the request as evidence.
    const consent = await as<{ customer: { consent: { objection: boolean; marketingAllowed: string[]; history: Array<{ evidence: string | null; source: string }> } } }>(
      'query($id: ID!) { customer(id: $id) { consent { objection marketingAllowed history { evidence source } } } }',
      { id: jane },
    );
    expect(consent.customer.consent).toMatchObject({ objection: true, marketingAllowed: [] });
    expect(consent.customer.consent.history).toContainEqual({ evidence: request.id, source: 'privacy-request' });
    const access = await open('ACCESS', jane);
    await verify(access.id);
    expect(codeOf(await decide(access.id))).toBe('CONFLICT');
  });

  it('exports a customer with 3,000 interactions within a few seconds', async () => {
    for (let batch = 0; batch < 3; batch++) {
      const orders = Array.from({ length: 1000 }, (_, i) => ({ ...order(10_000 + batch * 1000 + i, '2024-04-01T10:00:00Z'), email: 'many.orders@example.com', customer: { id: 9200, first_name: 'Mo', last_name: 'Orders' } }));
      const res = await app.graphql<{ ingestBatch: { rejected: unknown[] } }>('mutation($r: [JSON!]!) { ingestBatch(source: "webshop", records: $r) { rejected { reason } } }', { r: orders });
      expect(res.body.errors ?? res.body.data!.ingestBatch.rejected).toEqual([]);
    }
    const [row] = await app.executor.readRows<{ id: string }>(`MATCH (:SourceRecord {key: 'webshop|9200'})-[:BELONGS_TO]->(c:Customer) RETURN c.id AS id`);
    const request = await open('ACCESS', row!.id);
    await verify(request.id);
    const started = performance.now();
    const res = await exportOf(request.id);
    const ms = performance.now() - started;
    expect(res.body.errors).toBeUndefined();
    expect((res.body.data!.exportPersonalData.document['sections'] as Record<string, unknown[]>)['interactions']).toHaveLength(3000);
    expect(ms).toBeLessThan(5_000);
  }, 120_000);
});
