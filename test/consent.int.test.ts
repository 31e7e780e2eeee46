import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveConsent } from '../src/privacy/consent/effective.ts';
import { graphqlAs } from './support/golden-sources.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';

// Consent through ingestion, merges, splits, exports and direct decisions, over GraphQL
// against Neo4j (docs/consent.md).
const officer = bearer('po-1', 'privacy_officer');
const marketer = bearer('mk-1', 'marketer');

const CRM_ID = '0030000000000ADA01';
const crmContact = (over: Record<string, unknown> = {}) => ({
  Id: CRM_ID,
  FirstName: 'Adaline',
  LastName: 'Quarrington',
  Email: 'adaline.q@crm.example.com',
  MobilePhone: '+44 20 7946 0012',
  LastModifiedDate: '2024-03-01T10:00:00.000+0000',
  HasOptedOutOfEmail: true,
  ContactPointTypeConsents: [
    { DataUsePurpose: 'Marketing', ContactPointType: 'SMS', PrivacyConsentStatus: 'OptIn', CaptureDate: '2024-02-01T10:00:00.000+0000', CaptureSource: 'form:crm-7' },
    // Malformed: evidence as free text. Costs this decision only.
    { DataUsePurpose: 'Marketing', ContactPointType: 'Post', PrivacyConsentStatus: 'OptIn', CaptureDate: '2024-02-01T10:00:00.000+0000', CaptureSource: 'said yes on the phone to Jane' },
  ],
  ...over,
});
const subscriber = (over: Record<string, unknown> = {}) => ({
  record_type: 'subscriber',
  subscriber_id: 'sub-adaline',
  email_address: 'ada.news@mail.example.com',
  merge_fields: { FNAME: 'Ada', LNAME: 'Quill' },
  status: 'subscribed',
  timestamp_opt: '2024-04-01T09:00:00+00:00',
  last_changed: '2024-04-01T09:00:00+00:00',
  list_id: 'aud42',
  ...over,
});

type Slot = { purpose: string | null; flag: string | null; channel: string | null; value: string; decisionId: string; givenAt: string; source: string };
type Consent = { customerId: string; slots: Slot[]; marketingAllowed: string[]; objection: boolean; doNotSell: boolean };
const CONSENT = 'customerId slots { purpose flag channel value decisionId givenAt source } marketingAllowed objection doNotSell';

describe('consent per purpose and channel', () => {
  let app: TestApp;
  const gql = graphqlAs(() => app, {});
  const ingest = async (source: string, payloads: unknown[]) =>
    gql<{ ingestBatch: { rejected: unknown[]; stored: number } }>('mutation($s: String!, $r: [JSON!]!) { ingestBatch(source: $s, records: $r) { stored rejected { position field reason } } }', { s: source, r: payloads });
  const customerOf = async (key: string) =>
    (await app.executor.readRows<{ id: string }>('MATCH (:SourceRecord {key: $key})-[:BELONGS_TO]->(c:Customer) RETURN c.id AS id', { key }))[0]!.id;
  const consentOf = async (id: string, headers: Record<string, string> = officer) =>
    (await gql<{ customer: { consent: Consent } }>(`query($id: ID!) { customer(id: $id) { consent { ${CONSENT} } } }`, { id }, headers)).customer.consent;
  const slot = (c: Consent, purpose: string, channel: string | null) => c.slots.find((s) => s.purpose === purpose && s.channel === channel)?.value ?? null;
  /** The stored effective consent equals a recompute from the whole history. */
  const expectConsistent = async (id: string) => {
    const stored = await consentOf(id);
    const recomputed = await app.services.consent.recompute(id);
    expect(stored.slots.map((s) => [s.purpose ?? s.flag, s.channel, s.value, s.decisionId])).toEqual(recomputed.map((s) => [s.topic, s.channel, s.value, s.decisionId]));
  };
  const exportOf = async (channel: string, thirdParty = false) => {
    const seg = await gql<{ createSegment: { id: string } }>('mutation { createSegment(input: { name: "all", definition: { and: [] } }) { id } }', {}, marketer);
    const res = await gql<{ exportSegment: { contacts: Array<{ customerId: string }>; suppressed: Array<{ customerId: string; reason: string }> } }>(
      'query($id: ID!, $c: ExportChannel!, $t: Boolean) { exportSegment(id: $id, channel: $c, first: 100, thirdParty: $t) { contacts { customerId } suppressed { customerId reason } } }',
      { id: seg.createSegment.id, c: channel, t: thirdParty },
      marketer,
    );
    return res.exportSegment;
  };
  const record = (customerId: string, input: Record<string, unknown>, headers = officer) =>
    app.graphql<{ recordConsent: Consent }>(`mutation($id: ID!, $in: ConsentDecisionInput!) { recordConsent(customerId: $id, input: $in) { ${CONSENT} } }`, { id: customerId, in: input }, headers);

  let crm: string;
  let mail: string;
  let survivor: string;

  beforeAll(async () => {
    app = await startTestApp();
  }, 120_000);
  afterAll(async () => app?.stop());

  it('stores consent from two sources, leaving out a malformed decision as a data-quality issue without losing the record', async () => {
    const res = await app.graphql<{ ingestBatch: { stored: number; rejected: unknown[] } }>('mutation($r: [JSON!]!) { ingestBatch(source: "crm", records: $r) { stored rejected { position } } }', { r: [crmContact()] });
    expect(res.body.data!.ingestBatch).toEqual({ stored: 1, rejected: [] });
    await ingest('email', [subscriber()]);
    [crm, mail] = [await customerOf(`crm|${CRM_ID}`), await customerOf('email|sub-adaline')];
    expect(crm).not.toBe(mail);
    const issues = await app.executor.readRows<{ field: string[]; code: string; reason: string }>('MATCH (q:DataQualityIssue {recordKey: $key}) RETURN q.field AS field, q.code AS code, q.reason AS reason', { key: `crm|${CRM_ID}` });
    expect(issues).toEqual([expect.objectContaining({ field: ['payload', 'ContactPointTypeConsents', '1'], code: 'INVALID_CONSENT' })]);
    expect(issues[0]!.reason).not.toContain('Jane');
    const stored = await gql<{ sourceRecord: { names: Array<{ family: string }>; emails: string[] } }>(`{ sourceRecord(source: "crm", sourceRecordId: "${CRM_ID}") { names { family } emails } }`);
    expect(stored.sourceRecord).toEqual({ names: [{ family: 'Quarrington' }], emails: ['adaline.q@crm.example.com'] });
    const c = await consentOf(crm);
    expect([slot(c, 'MARKETING', 'EMAIL'), slot(c, 'MARKETING', 'SMS'), slot(c, 'MARKETING', 'POST')]).toEqual(['DENIED', 'GRANTED', null]);
    expect(slot(await consentOf(mail), 'MARKETING', 'EMAIL')).toBe('GRANTED');
    await expectConsistent(crm);
  });

  it('exports only the consented on a channel and says why the others are left out', async () => {
    const email = await exportOf('EMAIL');
    expect(email.contacts).toEqual([{ customerId: mail }]);
    expect(email.suppressed).toEqual([{ customerId: crm, reason: 'consent:marketing:email:denied' }]);
    // The subscriber has no phone: no-contact comes before consent.
    expect(await exportOf('SMS')).toEqual({ contacts: [{ customerId: crm }], suppressed: [{ customerId: mail, reason: 'no-contact' }] });
  });

  it('selects segment members by their effective consent: a purpose on a channel or any, undecided, and the flags', async () => {
    const members = async (definition: unknown) => {
      const seg = await gql<{ createSegment: { count: number; members: { edges: Array<{ node: { id: string } }> } } }>(
        'mutation($d: JSON!) { createSegment(input: { name: "by consent", definition: $d }) { count members(first: 50) { edges { node { id } } } } }',
        { d: definition },
        marketer,
      );
      expect(seg.createSegment.count).toBe(seg.createSegment.members.edges.length);
      return seg.createSegment.members.edges.map((e) => e.node.id).sort();
    };
    expect(await members({ consent: { purpose: 'MARKETING', channel: 'EMAIL', is: 'denied' } })).toEqual([crm]);
    expect(await members({ consent: { purpose: 'MARKETING', channel: 'EMAIL', is: 'granted' } })).toEqual([mail]);
    expect(await members({ consent: { purpose: 'MARKETING', channel: 'SMS', is: 'granted' } })).toEqual([crm]);
    expect(await members({ consent: { purpose: 'MARKETING', channel: 'POST', is: 'undecided' } })).toEqual([crm, mail].sort());
    expect(await members({ consent: { purpose: 'MARKETING', is: 'granted' } })).toEqual([crm, mail].sort());
    expect(await members({ consent: { purpose: 'PROFILING', is: 'undecided' } })).toEqual([crm, mail].sort());
    expect(await members({ and: [{ consent: { flag: 'OBJECTION', raised: false } }, { not: { consent: { purpose: 'MARKETING', channel: 'EMAIL', is: 'denied' } } }] })).toEqual([mail]);
    const bad = await app.graphql('mutation { createSegment(input: { name: "x", definition: { consent: { purpose: "MARKETING", is: "maybe" } } }) { id } }', {}, marketer);
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('lets the denial of one record win over the later grant of another source on merge, and gives each side its own decisions back on split', async () => {
    const merged = await gql<{ mergeCustomers: { survivor: { id: string } } }>('mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "same person") { survivor { id } } }', { a: crm, b: mail });
    survivor = merged.mergeCustomers.survivor.id;
    const c = await consentOf(survivor);
    expect([slot(c, 'MARKETING', 'EMAIL'), slot(c, 'MARKETING', 'SMS')]).toEqual(['DENIED', 'GRANTED']);
    expect(c.marketingAllowed).toEqual(['SMS']);
    await expectConsistent(survivor);
    const emailExport = await exportOf('EMAIL');
    expect(emailExport.contacts).toEqual([]);
    expect(emailExport.suppressed).toEqual([{ customerId: survivor, reason: 'consent:marketing:email:denied' }]);

    const split = await gql<{ splitCustomer: { from: { id: string }; to: Array<{ id: string }> } }>(
      'mutation($id: ID!) { splitCustomer(customerId: $id, records: [{ source: "email", sourceRecordId: "sub-adaline" }], reason: "not the same") { from { id } to { id } } }',
      { id: survivor },
    );
    const [left, apart] = [split.splitCustomer.from.id, split.splitCustomer.to[0]!.id];
    expect([slot(await consentOf(left), 'MARKETING', 'EMAIL'), slot(await consentOf(left), 'MARKETING', 'SMS')]).toEqual(
      (await customerOf(`crm|${CRM_ID}`)) === left ? ['DENIED', 'GRANTED'] : ['GRANTED', null],
    );
    const emailSide = (await customerOf('email|sub-adaline')) === left ? left : apart;
    const crmSide = emailSide === left ? apart : left;
    expect(slot(await consentOf(emailSide), 'MARKETING', 'EMAIL')).toBe('GRANTED');
    expect([slot(await consentOf(crmSide), 'MARKETING', 'EMAIL'), slot(await consentOf(crmSide), 'MARKETING', 'SMS')]).toEqual(['DENIED', 'GRANTED']);
    await expectConsistent(emailSide);
    await expectConsistent(crmSide);
    [crm, mail] = [crmSide, emailSide];
  });

  it('recomputes both customers on unmerge, each with its own records and direct decisions', async () => {
    // The split ruled the two apart: lifted, so that a steward may merge them again.
    const { decisions } = await gql<{ decisions: Array<{ id: string; kind: string }> }>('query($id: ID!) { decisions(customerId: $id) { id kind } }', { id: crm });
    for (const d of decisions.filter((x) => x.kind === 'SPLIT')) await gql('mutation($id: ID!) { liftDecision(id: $id, reason: "same after all") { __typename } }', { id: d.id });
    const merged = await gql<{ mergeCustomers: { survivor: { id: string }; eventId: string } }>('mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "same after all") { survivor { id } eventId } }', { a: crm, b: mail });
    const [into, away] = merged.mergeCustomers.survivor.id === crm ? [crm, mail] : [mail, crm];
    // Recorded on the merged-away id: it lands on the survivor, and goes back with the unmerge.
    const objected = await record(away, { flag: 'OBJECTION', value: 'RAISED', givenAt: '2024-05-01T12:00:00Z', evidence: 'call:rec-5531' });
    expect(objected.body.errors).toBeUndefined();
    expect(objected.body.data!.recordConsent).toMatchObject({ customerId: into, objection: true, marketingAllowed: [] });
    await gql('mutation($e: ID!) { unmergeCustomers(eventId: $e, reason: "undo") { from { id } } }', { e: merged.mergeCustomers.eventId });
    const [a, b] = [await consentOf(into), await consentOf(away)];
    expect(a.objection).toBe(true);
    expect(b.objection).toBe(false);
    await expectConsistent(into);
    await expectConsistent(away);
    const exportEmail = await exportOf('EMAIL');
    expect(exportEmail.suppressed).toContainEqual({ customerId: into, reason: 'objection' });
    // Lift it again, directly (a later decision of the same kind): the rest of the tests start from no objection.
    expect((await record(into, { flag: 'OBJECTION', value: 'LIFTED', givenAt: '2024-05-02T12:00:00Z' })).body.errors).toBeUndefined();
    expect((await consentOf(into)).objection).toBe(false);
  });

  it('keeps a newer decision when an older one arrives later, by a record or directly', async () => {
    await ingest('email', [subscriber({ status: 'unsubscribed', last_changed: '2024-05-01T09:00:00+00:00' })]);
    expect(slot(await consentOf(mail), 'MARKETING', 'EMAIL')).toBe('DENIED');
    // A later version re-sending the old opt-in time: the grant given on 1 April is older than the denial of 1 May.
    await ingest('email', [subscriber({ status: 'subscribed', last_changed: '2024-06-01T09:00:00+00:00', timestamp_opt: '2024-04-01T09:00:00+00:00' })]);
    expect(slot(await consentOf(mail), 'MARKETING', 'EMAIL')).toBe('DENIED');
    const late = await record(mail, { purpose: 'MARKETING', channel: 'EMAIL', value: 'GRANTED', givenAt: '2024-01-01T00:00:00Z', evidence: 'pref-centre:881' });
    expect(slot(late.body.data!.recordConsent, 'MARKETING', 'EMAIL')).toBe('DENIED');
    const history = await gql<{ customer: { consent: { history: Array<{ value: string; givenAt: string; source: string; evidence: string | null }> } } }>(
      'query($id: ID!) { customer(id: $id) { consent { history { value givenAt source evidence } } } }',
      { id: mail },
    );
    // Every decision kept, latest given first; none overwritten.
    expect(history.customer.consent.history.map((h) => [h.value, h.givenAt.slice(0, 10), h.source])).toEqual([
      ['DENIED', '2024-05-01', 'email'],
      ['GRANTED', '2024-04-01', 'email'],
      ['GRANTED', '2024-01-01', 'direct'],
    ]);
    // Marketers read effective consent, never the history.
    const denied = await app.graphql(`query($id: ID!) { customer(id: $id) { consent { history { value } } } }`, { id: mail }, marketer);
    expect(denied.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await consentOf(mail, marketer)).marketingAllowed).toEqual([]);
    await expectConsistent(mail);
  });

  it('applies do-not-sell and third-party-sharing consent to a third-party export only', async () => {
    const sharing = await record(crm, { purpose: 'THIRD_PARTY_SHARING', value: 'GRANTED', givenAt: '2024-05-03T00:00:00Z' });
    expect(sharing.body.errors).toBeUndefined();
    expect((await exportOf('SMS', true)).contacts).toEqual([{ customerId: crm }]);
    await record(crm, { flag: 'DO_NOT_SELL', value: 'RAISED', givenAt: '2024-05-04T00:00:00Z', evidence: 'ccpa:req-12' });
    expect((await exportOf('SMS', true)).suppressed).toContainEqual({ customerId: crm, reason: 'do-not-sell' });
    expect((await exportOf('SMS', false)).contacts).toEqual([{ customerId: crm }]);
  });

  it('refuses a malformed direct decision with the path of the bad field, writing nothing', async () => {
    const before = (await app.services.consent.history(crm)).length;
    for (const [input, field] of [
      [{ purpose: 'MARKETING', value: 'GRANTED', givenAt: '2024-05-01T00:00:00Z', evidence: 'Told Jane Doe at 12 High St' }, ['input', 'evidence']],
      [{ flag: 'OBJECTION', channel: 'EMAIL', value: 'RAISED', givenAt: '2024-05-01T00:00:00Z' }, ['input', 'channel']],
      [{ purpose: 'MARKETING', value: 'RAISED', givenAt: '2024-05-01T00:00:00Z' }, ['input', 'value']],
      [{ purpose: 'MARKETING', value: 'GRANTED', givenAt: '2999-01-01T00:00:00Z' }, ['input', 'givenAt']],
    ] as const) {
      const res = await record(crm, input);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(JSON.stringify(res.body.errors)).not.toContain('Jane');
    }
    expect((await record(crm, { purpose: 'MARKETING', value: 'GRANTED', givenAt: '2024-05-01T00:00:00Z' }, marketer)).body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await app.services.consent.history(crm)).toHaveLength(before);
  });

  it('leaves a consistent effective consent, equal to a recompute from history, after concurrent writers', async () => {
    const before = (await app.services.consent.history(crm)).length;
    const writes = Array.from({ length: 8 }, (_, i) => ({
      purpose: 'MARKETING',
      ...(i % 3 === 0 ? {} : { channel: ['EMAIL', 'SMS', 'POST'][i % 3] }),
      value: i % 2 === 0 ? 'DENIED' : 'GRANTED',
      givenAt: new Date(Date.UTC(2024, 5, 1 + (i % 4))).toISOString(),
    }));
    const results = await Promise.all([
      ...writes.map((input) => record(crm, input)),
      // An ingest of the customer's own record at the same time.
      ingest('crm', [crmContact({ LastModifiedDate: '2024-06-10T10:00:00.000+0000', HasOptedOutOfEmail: false, DoNotCall: true })]),
    ]);
    for (const r of results.slice(0, 8)) expect((r as { body: { errors?: unknown } }).body.errors).toBeUndefined();
    const history = await app.services.consent.history(crm);
    expect(history.length).toBe(before + 8 + 1);
    await expectConsistent(crm);
    const stored = await consentOf(crm);
    expect(stored.slots.map((s) => s.decisionId)).toEqual(effectiveConsent(history).slots.map((s) => s.decisionId));
    expect(slot(stored, 'MARKETING', 'PHONE')).toBe('DENIED');
  });

  it('audits direct decisions and consent reads', async () => {
    const trail = await gql<{ auditTrail: Array<{ operation: string; fields: string[] }> }>('{ auditTrail(first: 200) { operation fields } }');
    expect(trail.auditTrail.map((e) => e.operation)).toContain('CONSENT_RECORD');
    expect(trail.auditTrail.some((e) => e.operation === 'READ_PROFILE' && e.fields.includes('CustomerConsent.history'))).toBe(true);
  });
});

describe('webhooks marked as marketing destinations', () => {
  let app: TestApp;
  let server: Server;
  const received: string[] = [];
  beforeAll(async () => {
    app = await startTestApp({ events: { webhooks: true }, serviceOptions: { events: { pollMs: 100 } } });
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(body);
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('sends the events of consented customers and withholds the others, checked at sending', async () => {
    const gql = graphqlAs(() => app, {});
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const { registerWebhook } = await gql<{ registerWebhook: { webhook: { id: string } } }>('mutation($u: String!) { registerWebhook(url: $u, eventTypes: [CUSTOMER_CREATED]) { webhook { id } } }', { u: url });
    const id = registerWebhook.webhook.id;
    const marked = await gql<{ setWebhookConsentPurpose: { consentPurpose: string } }>('mutation($w: ID!) { setWebhookConsentPurpose(webhookId: $w, purpose: MARKETING) { consentPurpose } }', { w: id });
    expect(marked.setWebhookConsentPurpose.consentPurpose).toBe('MARKETING');
    const people = [
      { subscriber_id: 'sub-yes', email_address: 'yes.person@example.com', status: 'subscribed' },
      { subscriber_id: 'sub-no', email_address: 'no.person@example.com', status: 'unsubscribed' },
    ];
    await gql('mutation($r: [JSON!]!) { ingestBatch(source: "email", records: $r) { stored } }', {
      r: people.map((p, i) => ({ record_type: 'subscriber', merge_fields: { FNAME: ['Yara', 'Noel'][i], LNAME: ['Yeats', 'Norris'][i] }, last_changed: '2024-04-01T09:00:00+00:00', ...p })),
    });
    const idOf = async (sub: string) => (await app.executor.readRows<{ id: string }>('MATCH (:SourceRecord {key: $k})-[:BELONGS_TO]->(c) RETURN c.id AS id', { k: `email|${sub}` }))[0]!.id;
    const [yes, no] = [await idOf('sub-yes'), await idOf('sub-no')];
    type Delivery = { status: string; eventId: string };
    let deliveries: Delivery[] = [];
    for (const end = Date.now() + 20_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
      deliveries = (await gql<{ webhookDeliveries: Delivery[] }>('query($w: ID!) { webhookDeliveries(webhookId: $w) { status eventId } }', { w: id })).webhookDeliveries;
      if (deliveries.length === 2 && deliveries.every((d) => d.status !== 'PENDING')) break;
    }
    expect(deliveries.map((d) => d.status).sort()).toEqual(['DELIVERED', 'WITHHELD']);
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!)).toMatchObject({ type: 'CUSTOMER_CREATED', customerId: yes });
    expect(received[0]).not.toContain(no);
  });
});
