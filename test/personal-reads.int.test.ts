import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalTypes } from '../src/auth/personal-fields.ts';
import { defaultSurvivorshipConfig } from '../src/golden/survivorship-config.ts';
import { CRM, customerOfRecord, ingestRows, resetWithGoldenSources } from './support/golden-sources.ts';
import { peopleMapping } from './support/people-source.ts';
import { bearer, startTestApp, type TestApp } from './support/test-app.ts';

/**
 * The personal-read audit walk: every field personal-fields.ts declares is read here
 * through the API, and each read must leave an audit entry naming the field, for a caller
 * who sees it in clear and for one who sees it masked. A field added to the list without
 * a probe here fails the first test; a personal-looking field missing from the list fails
 * src/auth/personal-fields.test.ts.
 */
/** `as`: who reads it, when stewards and auditors may not (an export's contacts are for marketers). */
/** `shows`: a document with empty parts by nature (an access export) is checked for a value of the person instead. */
type Probe = { query: string; variables: () => Record<string, unknown>; as?: () => Array<Record<string, string>>; shows?: string };

describe('every read of a personal field is audited', () => {
  let app: TestApp;
  let id: string;
  let rejectedSource: string;
  let segmentId: string;
  let exportRequestId: string;
  const customer = (selection: string): Probe => ({ query: `query($id: ID!) { customer(id: $id) { ${selection} } }`, variables: () => ({ id }) });
  const profile = (selection: string) => customer(`profile { ${selection} }`);
  const record = (selection: string) => customer(`records { sourceRecordId ${selection} }`);

  const probes: Record<string, Probe> = {
    'GoldenProfile.givenName': profile('givenName { value }'),
    'GoldenProfile.middleName': profile('middleName { value }'),
    'GoldenProfile.familyName': profile('familyName { value }'),
    'GoldenProfile.fullName': profile('fullName { value }'),
    'GoldenProfile.legalNames': profile('legalNames { value }'),
    'GoldenProfile.dateOfBirth': profile('dateOfBirth { value }'),
    'GoldenProfile.emails': profile('emails { value }'),
    'GoldenProfile.phones': profile('phones { value }'),
    'GoldenProfile.addresses': profile('addresses { value }'),
    'GoldenProfile.identifiers': profile('identifiers { value }'),
    'SourceRecord.names': record('names { given }'),
    'SourceRecord.emails': record('emails'),
    'SourceRecord.phones': record('phones'),
    'SourceRecord.addresses': record('addresses { postcode }'),
    'SourceRecord.dateOfBirth': record('dateOfBirth'),
    'CustomerIdentifier.value': customer('identifiers { value }'),
    'Identifier.value': { query: 'query { identifier(type: "email", value: "walk.person@example.com") { value } }', variables: () => ({}) },
    'AttributeChange.value': { query: 'query($id: ID!) { attributeHistory(customerId: $id, attribute: EMAIL) { value } }', variables: () => ({ id }) },
    'Enrichment.attributes': customer('enrichment { attributes }'),
    'RejectedRecord.payload': { query: 'query($s: String) { rejectedRecords(source: $s) { payload } }', variables: () => ({ s: rejectedSource }) },
    'DataQualityIssue.raw': { query: 'query($s: String) { dataQualityIssues(source: $s) { raw } }', variables: () => ({ s: rejectedSource }) },
    'HouseholdEvidence.value': customer('household { evidence { value } }'),
    'SegmentContact.value': { query: 'query($id: ID!) { exportSegment(id: $id, channel: EMAIL) { contacts { value } } }', variables: () => ({ id: segmentId }), as: () => [bearer('walk-marketer', 'marketer')] },
    'ConsentHistoryEntry.evidence': customer('consent { history { evidence } }'),
    // A privacy officer's access export: the whole document is one personal read.
    'PrivacyExport.document': {
      query: 'mutation($id: ID!) { exportPersonalData(requestId: $id) { document } }',
      variables: () => ({ id: exportRequestId }),
      as: () => [bearer('walk-officer', 'privacy_officer')],
      shows: 'walk.person@example.com',
    },
    'GraphNode.label': { query: 'query($id: ID!) { identityGraph(customerId: $id) { nodes { label } } }', variables: () => ({ id }) },
  };
  const declared = Object.entries(personalTypes).flatMap(([type, { fields }]) => Object.keys(fields).map((field) => `${type}.${field}`));

  /** The fields named by the READ_PROFILE entries of one request. */
  const auditedFields = async (requestId: string) => {
    const res = await app.graphql<{ auditTrail: Array<{ requestId: string; fields: string[] }> }>('{ auditTrail(operations: [READ_PROFILE], first: 1000) { requestId fields } }', {}, bearer('walk-auditor', 'auditor'));
    return res.body.data!.auditTrail.filter((e) => e.requestId === requestId).flatMap((e) => e.fields);
  };

  beforeAll(async () => {
    // A source with middle names whose names are legal names: every personal field gets a value.
    // The walk reads an export's contact values: its customer carries no consent decision, so this app exports without one.
    app = await startTestApp({ serviceOptions: { survivorship: { ...defaultSurvivorshipConfig(), legalNameSources: ['walk'] }, consent: { marketingWithoutDecision: 'allow' } } });
    await resetWithGoldenSources(app);
    const mapping = { ...peopleMapping, name: 'walk', fields: [...peopleMapping.fields, { to: 'name.middle', from: 'middle' }] };
    expect((await app.graphql('mutation($m: JSON!) { registerSource(input: { name: "walk", mapping: $m }) { name } }', { m: mapping })).body.errors).toBeUndefined();
    const walk = { id: 'v1', given: 'Walk', middle: 'Middle', family: 'Person', email: 'walk.person@example.com', phone: '020 7946 0112', dob: '1970-01-02', street: '3 Low Rd', city: 'York', postcode: 'YO1 7HJ', updated: '2024-01-01T00:00:00Z' };
    expect((await app.graphql('mutation($r: [JSON!]!) { ingestBatch(source: "walk", records: $r) { stored } }', { r: [walk] })).body.data).toEqual({ ingestBatch: { stored: 1 } });
    await ingestRows(app, CRM.name, [{ id: 'w1', given: 'Walk', family: 'Person', email: 'walk.person@example.com', phone: '020 7946 0111', dob: '1970-01-02', street: '2 Low Rd', city: 'York', postcode: 'YO1 7HH', customerNo: 'W-1' }]);
    id = (await customerOfRecord(app, CRM.name, 'w1'))!;
    // Someone else at the customer's address: a household.
    await ingestRows(app, CRM.name, [{ id: 'w9', given: 'Other', family: 'Resident', email: 'other.resident@example.com', street: '2 Low Rd', city: 'York', postcode: 'YO1 7HH' }]);
    expect(await customerOfRecord(app, 'walk', 'v1')).toBe(id);
    rejectedSource = CRM.name;
    // A partner's enrichment of the customer's e-mail.
    const ns = await app.graphql('mutation { registerEnrichmentNamespace(input: { name: "walkcredit", partner: "walkers", attributes: { band: { type: "enum", values: ["A", "B"] } } }) { name } }');
    expect(ns.body.errors).toBeUndefined();
    const key = await app.graphql<{ createApiKey: { key: string } }>('mutation { createApiKey(input: { name: "walkers", scope: "partner:walkers" }) { key } }');
    const appended = await app.graphql(
      'mutation { appendEnrichment(identifier: { type: "email", value: "walk.person@example.com" }, namespace: "walkcredit", attributes: { band: "A" }) { changed } }',
      {},
      { authorization: `Bearer ${key.body.data!.createApiKey.key}` },
    );
    expect(appended.body.errors).toBeUndefined();
    // A record without its id is rejected; one with a bad date of birth is stored without it, the date kept as an issue.
    const bad = await app.graphql<{ ingestBatch: { rejected: unknown[]; dataQualityIssues: unknown[] } }>('mutation($r: [JSON!]!) { ingestBatch(source: "crm2", records: $r) { rejected { reason } dataQualityIssues { code } } }', {
      r: [
        { email: 'walk.two@example.com', updated: '2024-01-01T00:00:00Z' },
        { id: 'w3', dob: 'not a date', email: 'walk.three@example.com', updated: '2024-01-01T00:00:00Z' },
      ],
    });
    expect(bad.body.data!.ingestBatch).toEqual({ rejected: [{ reason: expect.any(String) }], dataQualityIssues: [{ code: 'INVALID_DATE' }] });
    // A segment of the customer, for its export's contact values.
    const segment = await app.graphql<{ createSegment: { id: string } }>('mutation { createSegment(input: { name: "walk", definition: { attribute: "familyName", op: "eq", value: "person" } }) { id } }');
    expect(segment.body.errors).toBeUndefined();
    segmentId = segment.body.data!.createSegment.id;
    // A consent decision with its evidence, and a verified access request to export.
    const consent = await app.graphql('mutation($c: ID!) { recordConsent(customerId: $c, input: { purpose: MARKETING, value: GRANTED, givenAt: "2024-01-02T00:00:00Z", evidence: "form:walk-1" }) { customerId } }', { c: id });
    expect(consent.body.errors).toBeUndefined();
    const officer = bearer('walk-officer', 'privacy_officer');
    const opened = await app.graphql<{ openPrivacyRequest: { id: string } }>('mutation($c: ID!) { openPrivacyRequest(kind: ACCESS, customerId: $c) { id } }', { c: id }, officer);
    exportRequestId = opened.body.data!.openPrivacyRequest.id;
    const verified = await app.graphql('mutation($id: ID!) { verifyPrivacyRequester(id: $id, method: ID_DOCUMENT_SEEN, reference: "walk case") { id } }', { id: exportRequestId }, officer);
    expect(verified.body.errors).toBeUndefined();
  });
  afterAll(async () => app.stop());

  it('has a probe for each declared personal field', () => {
    expect(Object.keys(probes).sort()).toEqual(declared.sort());
  });

  for (const [field, probe] of Object.entries(probes)) {
    it(`audits ${field}, read in clear by a steward and masked by an auditor`, async () => {
      for (const headers of probe.as?.() ?? [bearer('walk-steward', 'steward'), bearer('walk-auditor', 'auditor')]) {
        const res = await app.graphql(probe.query, probe.variables(), headers);
        if (res.body.errors?.[0]?.extensions?.['code'] === 'FORBIDDEN') continue; // not readable by this role at all
        expect(res.body.errors).toBeUndefined();
        if (probe.shows) expect(JSON.stringify(res.body.data)).toContain(probe.shows);
        else expect(JSON.stringify(res.body.data)).not.toMatch(/:\s*(null|\[\])\s*[,}]/); // the probe really returned a value
        expect(await auditedFields(res.headers.get('x-request-id')!)).toContain(field);
      }
    });
  }
});

describe('a personal read that cannot be audited', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      alterServices: (services) => {
        const record = services.audit.recordGrouped.bind(services.audit);
        services.audit.recordGrouped = async (actor, entries) => {
          if (entries.some((e) => e.operation === 'read.profile')) throw new Error('audit store down');
          return record(actor, entries);
        };
      },
    });
    await resetWithGoldenSources(app);
    await ingestRows(app, CRM.name, [{ id: 'u1', given: 'Unaudited', family: 'Reader', email: 'unaudited.reader@example.com' }]);
  });
  afterAll(async () => app.stop());

  it('is withheld: the caller gets SERVICE_UNAVAILABLE and none of the data', async () => {
    const id = (await customerOfRecord(app, CRM.name, 'u1'))!;
    const res = await app.graphql('query($id: ID!) { customer(id: $id) { id profile { emails { value } } } }', { id }, bearer('steward-9', 'steward'));
    expect(res.status).toBe(503);
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
    expect(res.body.data).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain('unaudited.reader');
    // A read of nothing personal needs no audit entry and still answers.
    const plain = await app.graphql('query($id: ID!) { customer(id: $id) { id } }', { id }, bearer('steward-9', 'steward'));
    expect(plain.body).toEqual({ data: { customer: { id } } });
  });
});
