import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../src/auth/caller.ts';
import { CRM, LEDGER, customerOfRecord, ingestRows, resetWithGoldenSources } from './support/golden-sources.ts';
import { anonymous, bearer, bearerFor, startTestApp, testAuth, type TestApp } from './support/test-app.ts';

/**
 * One suite per role: what each caller sees in clear or masked, and what it may do,
 * exactly as the README's role table says (issue #9).
 */
const PROFILE = `query($id: ID!) { customer(id: $id) { id profile {
  givenName { value } familyName { value } dateOfBirth { value }
  emails { value } phones { value } addresses { value postcode lines } identifiers { type value } }
  records { sourceRecordId names { given family } emails phones dateOfBirth addresses { postcode } identifiers { type value } } } }`;

type Profile = {
  givenName: { value: string }; familyName: { value: string }; dateOfBirth: { value: string };
  emails: Array<{ value: string }>; phones: Array<{ value: string }>; addresses: Array<{ value: string; postcode: string; lines: string[] }>;
  identifiers: Array<{ type: string; value: string }>;
};
type RecordView = { sourceRecordId: string; names: Array<{ given: string; family: string }>; emails: string[]; phones: string[]; dateOfBirth: string | null; addresses: Array<{ postcode: string }>; identifiers: Array<{ type: string; value: string }> };
type View = { customer: { id: string; profile: Profile; records: RecordView[] } | null };

const CLEAR = { given: 'Katherine', family: 'Oduya', email: 'kate.oduya@example.com', phone: '+442079460789', dob: '1984-02-29', postcode: 'LS1 4AP' };

describe('access by role', () => {
  let app: TestApp;
  let id: string;
  let other: string;
  const as = (role: StaffRole, who = `${role}-1`) => bearer(who, role);
  const view = async (headers: Record<string, string>, customerId = id) => {
    const res = await app.graphql<View>(PROFILE, { id: customerId }, headers);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.customer!;
  };
  const codeOf = (res: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => res.body.errors?.[0]?.extensions?.['code'];
  const PREVIEW = 'query($a: ID!, $b: ID!) { previewMerge(a: $a, b: $b) { dryRun } }';
  const createKey = async (scope: string) => {
    const res = await app.graphql<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      'mutation($s: String!) { createApiKey(input: { name: "test key", scope: $s, expiresInDays: 30 }) { key apiKey { id scope } } }',
      { s: scope },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.createApiKey;
  };

  beforeAll(async () => {
    app = await startTestApp();
    await resetWithGoldenSources(app);
    await ingestRows(app, CRM.name, [
      { id: 'k1', given: CLEAR.given, family: CLEAR.family, email: CLEAR.email, phone: '020 7946 0789', dob: CLEAR.dob, street: '1 High St', city: 'Leeds', postcode: CLEAR.postcode, customerNo: 'C-12345' },
      { id: 'z1', given: 'Zeno', family: 'Marr', email: 'zeno.marr@example.com' },
    ]);
    await ingestRows(app, LEDGER.name, [{ id: 'l1', given: 'Kate', family: CLEAR.family, email: CLEAR.email }]);
    id = (await customerOfRecord(app, CRM.name, 'k1'))!;
    other = (await customerOfRecord(app, CRM.name, 'z1'))!;
    expect(await customerOfRecord(app, LEDGER.name, 'l1')).toBe(id);
  });
  afterAll(async () => app.stop());

  describe('without credentials', () => {
    it('answers only the health probes; GraphQL and ingest answer UNAUTHENTICATED', async () => {
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
      const res = await app.graphql('{ sources { name } }', {}, anonymous);
      expect(res.status).toBe(401);
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      const bulk = await fetch(`${app.url}/ingest/crm`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: '{}' });
      expect(bulk.status).toBe(401);
    });

    it('no longer believes x-caller-id / x-caller-role headers', async () => {
      const res = await app.graphql('{ sources { name } }', {}, { ...anonymous, 'x-caller-id': 'system', 'x-caller-role': 'admin' });
      expect(res.status).toBe(401);
    });

    it('refuses a wrongly signed token, an expired token and a malformed header', async () => {
      const forged = bearerFor({ ...testAuth, verifier: { kind: 'secret', secret: 'not-the-api-secret-not-the-api-secret' } }, 'mallory', 'admin');
      expect((await app.graphql('{ me { id } }', {}, forged)).status).toBe(401);
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const expiredBody = `${part({ alg: 'HS256' })}.${part({ sub: 'ada', roles: ['admin'], exp: Math.floor(Date.now() / 1000) - 10, iss: testAuth.issuer, aud: testAuth.audience })}`;
      const { createHmac } = await import('node:crypto');
      const expired = `${expiredBody}.${createHmac('sha256', (testAuth.verifier as { secret: string }).secret).update(expiredBody).digest('base64url')}`;
      const res = await app.graphql('{ me { id } }', {}, { authorization: `Bearer ${expired}` });
      expect(res.status).toBe(401);
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      expect((await app.graphql('{ me { id } }', {}, { authorization: 'Basic YWRhOnB3' })).status).toBe(401);
    });
  });

  describe('admin', () => {
    it('sees everything in clear and manages keys', async () => {
      const customer = await view(as('admin'));
      expect(customer.profile.emails.map((e) => e.value)).toEqual([CLEAR.email]);
      expect(customer.profile.dateOfBirth.value).toBe(CLEAR.dob);
      const key = await createKey('source:crm');
      expect(key.key).toMatch(/^igk_[0-9a-f]{16}_/);
      const keys = await app.graphql<{ apiKeys: Array<{ id: string; scope: string }> }>('{ apiKeys { id scope name } }');
      expect(keys.body.data!.apiKeys).toContainEqual(expect.objectContaining({ id: key.apiKey.id, scope: 'source:crm' }));
      expect(JSON.stringify(keys.body)).not.toContain(key.key.slice(21));
      // Only the hash is stored.
      const [stored] = await app.executor.readRows<{ props: Record<string, unknown> }>('MATCH (k:ApiKey {id: $id}) RETURN properties(k) AS props', { id: key.apiKey.id });
      expect(JSON.stringify(stored!.props)).not.toContain(key.key.slice(21));
    });
  });

  describe('steward', () => {
    it('sees full profiles, previews merges and configures sources, but issues no keys and reads no audit trail', async () => {
      const customer = await view(as('steward'));
      expect(customer.profile.phones.map((p) => p.value)).toEqual([CLEAR.phone]);
      expect(customer.records.find((r) => r.sourceRecordId === 'k1')!.dateOfBirth).toBe(CLEAR.dob);
      expect(codeOf(await app.graphql(PREVIEW, { a: id, b: other }, as('steward')))).toBeUndefined();
      expect(codeOf(await app.graphql('{ reviewQueueStats { size } }', {}, as('steward')))).toBeUndefined();
      expect(codeOf(await app.graphql('mutation { createApiKey(input: { name: "x", scope: "source:crm" }) { key } }', {}, as('steward')))).toBe('FORBIDDEN');
      expect(codeOf(await app.graphql('{ auditTrail { id } }', {}, as('steward')))).toBe('FORBIDDEN');
      expect(codeOf(await app.graphql('mutation($r: [JSON!]!) { ingestBatch(source: "crm2", records: $r) { stored } }', { r: [{ id: 'x' }] }, as('steward')))).toBe('FORBIDDEN');
    });
  });

  describe('agent', () => {
    it('sees names and interactions in clear and contact details masked until the caller is verified', async () => {
      const customer = await view(as('agent'));
      expect(customer.profile.givenName.value).toBe('Kate');
      expect(customer.profile.familyName.value).toBe(CLEAR.family);
      expect(customer.profile.emails.map((e) => e.value)).toEqual(['k***@example.com']);
      expect(customer.profile.phones.map((p) => p.value)).toEqual(['+44 ***** *789']);
      expect(customer.profile.dateOfBirth.value).toBe('****-**-**');
      expect(customer.profile.addresses[0]).toMatchObject({ postcode: 'LS1 ***', lines: ['***'] });
      expect(customer.profile.identifiers.every((i) => !i.value.includes('12345'))).toBe(true);
      const record = customer.records.find((r) => r.sourceRecordId === 'k1')!;
      expect(record.names[0]).toMatchObject({ given: CLEAR.given, family: CLEAR.family });
      expect(record.emails).toEqual(['k***@example.com']);
      expect(JSON.stringify(customer)).not.toContain(CLEAR.email);
      expect(JSON.stringify(customer)).not.toContain('7946');
    });

    it('finds a customer by identifier, sees the identifier masked, and may not merge or export', async () => {
      const res = await app.graphql<{ identifier: { value: string; records: Array<{ customer: { id: string } }> } }>(
        'query($v: String!) { identifier(type: "email", value: $v) { value records { customer { id } } } }',
        { v: CLEAR.email.toUpperCase() },
        as('agent'),
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.identifier.value).not.toContain('kate.oduya');
      expect(res.body.data!.identifier.records.map((r) => r.customer.id)).toContain(id);
      expect(codeOf(await app.graphql('mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "x") { eventId } }', { a: id, b: other }, as('agent')))).toBe('FORBIDDEN');
      expect(codeOf(await app.graphql('{ crosswalk(first: 10) { customerId } }', {}, as('agent')))).toBe('FORBIDDEN');
      expect(codeOf(await app.graphql('{ rejectedRecords { payload } }', {}, as('agent')))).toBe('FORBIDDEN');
    });
  });

  describe('marketer', () => {
    it('sees every personal value masked, names too, and changes nothing', async () => {
      const customer = await view(as('marketer'));
      expect(customer.profile.givenName.value).toBe('K***');
      expect(customer.profile.emails.map((e) => e.value)).toEqual(['k***@example.com']);
      expect(customer.records.find((r) => r.sourceRecordId === 'k1')!.names[0]).toMatchObject({ given: 'K***', family: 'O***' });
      expect(codeOf(await app.graphql('mutation($id: ID!) { pinValue(customerId: $id, attribute: GIVEN_NAME, value: "X", reason: "x") { recordCount } }', { id }, as('marketer')))).toBe('FORBIDDEN');
      expect(codeOf(await app.graphql('{ reviewQueueStats { size } }', {}, as('marketer')))).toBe('FORBIDDEN');
    });
  });

  describe('auditor', () => {
    it('reads the audit trail, merge paths, explanations and attribute history with personal values masked', async () => {
      const trail = await app.graphql<{ auditTrail: Array<{ operation: string }> }>('{ auditTrail(first: 10) { operation actor } }', {}, as('auditor'));
      expect(trail.body.errors).toBeUndefined();
      expect(trail.body.data!.auditTrail.length).toBeGreaterThan(0);
      expect(codeOf(await app.graphql('query($id: ID!) { mergePath(customerId: $id) { kind } }', { id }, as('auditor')))).toBeUndefined();
      const explained = await app.graphql(
        'query { explainMatch(a: { source: "crm2", sourceRecordId: "k1" }, b: { source: "ledger", sourceRecordId: "l1" }) { decision sentence } }',
        {},
        as('auditor'),
      );
      expect(explained.body.errors).toBeUndefined();
      const history = await app.graphql<{ attributeHistory: Array<{ value: string | null }> }>(
        'query($id: ID!) { attributeHistory(customerId: $id, attribute: EMAIL) { value actor } }',
        { id },
        as('auditor'),
      );
      expect(history.body.errors).toBeUndefined();
      expect(history.body.data!.attributeHistory.length).toBeGreaterThan(0);
      expect(JSON.stringify(history.body)).not.toContain(CLEAR.email);
      expect(history.body.data!.attributeHistory.map((h) => h.value)).toContain('k***@example.com');
      expect((await view(as('auditor'))).profile.familyName.value).toBe('O***');
      expect(codeOf(await app.graphql('mutation { resolveAll { records } }', {}, as('auditor')))).toBe('FORBIDDEN');
    });
  });

  describe('privacy officer', () => {
    it('sees full profiles and who accessed them, and cannot merge', async () => {
      expect((await view(as('privacy_officer'))).profile.emails[0]!.value).toBe(CLEAR.email);
      const log = await app.graphql(
        'query($id: ID!, $from: DateTime!, $to: DateTime!) { customerAccessLog(customerId: $id, from: $from, to: $to) { actor role } }',
        { id, from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() },
        as('privacy_officer'),
      );
      expect(log.body.errors).toBeUndefined();
      expect(codeOf(await app.graphql(PREVIEW, { a: id, b: other }, as('privacy_officer')))).toBe('FORBIDDEN');
    });
  });

  describe('source key', () => {
    const INGEST = 'mutation($s: String!, $r: [JSON!]!) { ingestBatch(source: $s, records: $r) { stored rejected { reason } } }';
    const row = (recordId: string) => ({ id: recordId, given: 'Ines', family: 'Keyed', email: `${recordId}@example.org`, updated: '2024-01-01T00:00:00Z' });

    it('ingests into its own source only, over GraphQL and NDJSON, and reads nothing', async () => {
      const { key } = await createKey(`source:${CRM.name}`);
      const headers = { authorization: `Bearer ${key}` };
      const own = await app.graphql<{ ingestBatch: { stored: number } }>(INGEST, { s: CRM.name, r: [row('sk1')] }, headers);
      expect(own.body.data?.ingestBatch.stored).toBe(1);
      expect(codeOf(await app.graphql(INGEST, { s: LEDGER.name, r: [row('sk2')] }, headers))).toBe('FORBIDDEN');
      const ndjson = (source: string, h: Record<string, string>) =>
        fetch(`${app.url}/ingest/${source}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...h }, body: JSON.stringify(row(`nd-${source}`)) });
      expect((await ndjson(CRM.name, { 'x-api-key': key })).status).toBe(200);
      expect((await ndjson(LEDGER.name, { 'x-api-key': key })).status).toBe(403);
      expect(await customerOfRecord(app, LEDGER.name, `nd-${LEDGER.name}`)).toBeNull();
      // Reads nothing: the same FORBIDDEN for an existing and an unknown customer.
      const known = await app.graphql('query($id: ID!) { customer(id: $id) { id } }', { id }, headers);
      const unknown = await app.graphql('query($id: ID!) { customer(id: $id) { id } }', { id: 'cus_unknown' }, headers);
      expect(codeOf(known)).toBe('FORBIDDEN');
      expect(unknown.body).toEqual(known.body);
      expect(codeOf(await app.graphql('{ sources { name } }', {}, headers))).toBe('FORBIDDEN');
      // The audit trail names the key, not a header.
      const trail = await app.graphql<{ auditTrail: Array<{ actor: string; role: string }> }>('{ auditTrail(operations: [INGEST], first: 5) { actor role } }');
      expect(trail.body.data!.auditTrail[0]).toMatchObject({ actor: expect.stringMatching(/^key:[0-9a-f]{16}$/), role: `source:${CRM.name}` });
    });

    it('is refused once revoked or expired, and a tampered key is refused', async () => {
      const revoked = await createKey(`source:${CRM.name}`);
      expect((await app.graphql(INGEST, { s: CRM.name, r: [row('rv1')] }, { 'x-api-key': revoked.key })).status).toBe(200);
      await app.graphql('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: revoked.apiKey.id });
      const afterRevoke = await app.graphql(INGEST, { s: CRM.name, r: [row('rv2')] }, { 'x-api-key': revoked.key });
      expect(afterRevoke.status).toBe(401);
      expect(codeOf(afterRevoke)).toBe('UNAUTHENTICATED');

      const expired = await createKey(`source:${CRM.name}`);
      await app.executor.writeRows('MATCH (k:ApiKey {id: $id}) SET k.expiresAt = datetime() - duration({seconds: 1})', { id: expired.apiKey.id });
      expect((await app.graphql(INGEST, { s: CRM.name, r: [row('ex1')] }, { 'x-api-key': expired.key })).status).toBe(401);

      const good = await createKey(`source:${CRM.name}`);
      const tampered = `${good.key.slice(0, -1)}${good.key.endsWith('A') ? 'B' : 'A'}`;
      expect((await app.graphql(INGEST, { s: CRM.name, r: [row('tp1')] }, { 'x-api-key': tampered })).status).toBe(401);
      expect(await customerOfRecord(app, CRM.name, 'rv2')).toBeNull();
      expect(await customerOfRecord(app, CRM.name, 'ex1')).toBeNull();
    });
  });

  describe('partner key', () => {
    it('reads no customer data and ingests nothing', async () => {
      const { key } = await createKey('partner:acme');
      const headers = { authorization: `Bearer ${key}` };
      expect(codeOf(await app.graphql('query($id: ID!) { customer(id: $id) { id } }', { id }, headers))).toBe('FORBIDDEN');
      expect(codeOf(await app.graphql('mutation($r: [JSON!]!) { ingestBatch(source: "crm2", records: $r) { stored } }', { r: [{}] }, headers))).toBe('FORBIDDEN');
      const me = await app.graphql<{ me: { kind: string; scope: string } }>('{ me { kind scope } }', {}, headers);
      expect(me.body.data!.me).toEqual({ kind: 'key', scope: 'partner:acme' });
    });
  });

  describe('audit of personal reads', () => {
    it('records the authenticated subject as the actor, with the fields read and how many were masked', async () => {
      await view(bearer('agent-audited', 'agent'));
      const trail = await app.graphql<{ auditTrail: Array<{ actor: string; role: string; requestId: string; customerIds: string[]; fields: string[]; detail: { masked: number; reads: number } }> }>(
        '{ auditTrail(operations: [READ_PROFILE], actor: "agent-audited", first: 10) { actor role requestId customerIds fields detail } }',
        {},
        as('auditor'),
      );
      // One entry per batch of reads (a batch per level of the query), all of one request.
      const entries = trail.body.data!.auditTrail;
      expect(new Set(entries.map((e) => e.requestId)).size).toBe(1);
      expect(entries.every((e) => e.actor === 'agent-audited' && e.role === 'agent' && e.customerIds.join() === id)).toBe(true);
      const fields = entries.flatMap((e) => e.fields);
      expect(fields).toEqual(expect.arrayContaining(['GoldenProfile.emails', 'GoldenProfile.givenName', 'SourceRecord.names', 'SourceRecord.emails', 'Identifier.value']));
      const masked = entries.reduce((n, e) => n + e.detail.masked, 0);
      expect(masked).toBeGreaterThan(0);
      expect(masked).toBeLessThan(entries.reduce((n, e) => n + e.detail.reads, 0));
    });
  });
});
