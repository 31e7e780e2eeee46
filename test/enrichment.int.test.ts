import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/audit.ts';
import { createServices } from '../src/services.ts';
import { CRM, customerOfRecord, ingestRows, resetWithGoldenSources } from './support/golden-sources.ts';
import { PlanScanningExecutor } from './support/plan-scans.ts';
import { bearer, startTestApp, testCodec, type GraphQLResponse, type TestApp } from './support/test-app.ts';

/** Partner enrichment over HTTP (issue #9): namespaces, appends by identifier, golden records, partner reads. */
const CREDIT = { band: { type: 'enum', values: ['A', 'B', 'C', 'D', 'E'] }, score: { type: 'integer', min: 0, max: 999 } };
const REGISTER = 'mutation($n: String!, $p: String!, $a: JSON!) { registerEnrichmentNamespace(input: { name: $n, partner: $p, attributes: $a }) { name partner version attributes } }';
const APPEND = `mutation($t: String!, $v: String!, $ns: String!, $a: JSON!) {
  appendEnrichment(identifier: { type: $t, value: $v }, namespace: $ns, attributes: $a) { namespace attributes changed version updatedAt } }`;
const READ_OWN = 'query($t: String!, $v: String!, $ns: String!) { partnerEnrichment(identifier: { type: $t, value: $v }, namespace: $ns) { namespace partner identifierType attributes version } }';
const GOLDEN = 'query($id: ID!) { customer(id: $id) { id profile { emails { value } } enrichment { namespace partner identifierType attributes version updatedAt } } }';

type Result = { namespace: string; attributes: string[]; changed: boolean; version: number; updatedAt: string };
type Enrichment = { namespace: string; partner: string; identifierType: string; attributes: Record<string, unknown>; version: number; updatedAt?: string };
type Golden = { customer: { id: string; profile: { emails: Array<{ value: string }> } & Record<string, unknown>; enrichment: Enrichment[] } };
type Entry = { actor: string; role: string; operation: string; customerIds: string[]; fields: string[]; detail: Record<string, unknown> };

const KATE = 'kate.oduya@example.com';
const codeOf = (res: GraphQLResponse) => res.body.errors?.[0]?.extensions?.['code'];
const fieldOf = (res: GraphQLResponse) => res.body.errors?.[0]?.extensions?.['field'];

describe('partner enrichment', () => {
  let app: TestApp;
  let customerId: string;
  let acme: Record<string, string>;
  let globex: Record<string, string>;
  const steward = bearer('steward-1', 'steward');

  const createKey = async (scope: string) => {
    const res = await app.graphql<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      'mutation($s: String!) { createApiKey(input: { name: "enrichment test", scope: $s, expiresInDays: 30 }) { key apiKey { id } } }',
      { s: scope },
    );
    expect(res.body.errors).toBeUndefined();
    const { key, apiKey } = res.body.data!.createApiKey;
    return { id: apiKey.id, headers: { authorization: `Bearer ${key}` } };
  };
  const append = (headers: Record<string, string>, value: string, attributes: unknown, namespace = 'credit', type = 'email') =>
    app.graphql<{ appendEnrichment: Result }>(APPEND, { t: type, v: value, ns: namespace, a: attributes }, headers);
  const readOwn = (headers: Record<string, string>, value: string, namespace = 'credit') => app.graphql<{ partnerEnrichment: Enrichment | null }>(READ_OWN, { t: 'email', v: value, ns: namespace }, headers);
  const golden = async (headers: Record<string, string>, id = customerId) => {
    const res = await app.graphql<Golden>(GOLDEN, { id }, headers);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.customer;
  };
  const trail = async (operation: string) =>
    (await app.graphql<{ auditTrail: Entry[] }>(`{ auditTrail(operations: [${operation}], first: 100) { actor role operation customerIds fields detail } }`)).body.data!.auditTrail;

  beforeAll(async () => {
    app = await startTestApp();
    await resetWithGoldenSources(app);
    await ingestRows(app, CRM.name, [{ id: 'c1', given: 'Katherine', family: 'Oduya', email: KATE }]);
    customerId = (await customerOfRecord(app, CRM.name, 'c1'))!;
    const registered = await app.graphql<{ registerEnrichmentNamespace: { name: string; partner: string; version: number } }>(REGISTER, { n: 'credit', p: 'acme', a: CREDIT });
    expect(registered.body.data?.registerEnrichmentNamespace).toMatchObject({ name: 'credit', partner: 'acme', version: 1 });
    expect((await app.graphql(REGISTER, { n: 'loyalty', p: 'globex', a: { tier: { type: 'string', maxLength: 20 } } })).body.errors).toBeUndefined();
    acme = (await createKey('partner:acme')).headers;
    globex = (await createKey('partner:globex')).headers;
  });
  afterAll(async () => app.stop());

  it('lets only admins register a namespace, and never hands one partner another partner’s namespace', async () => {
    expect(codeOf(await app.graphql(REGISTER, { n: 'credit2', p: 'acme', a: CREDIT }, steward))).toBe('FORBIDDEN');
    expect(codeOf(await app.graphql(REGISTER, { n: 'credit2', p: 'acme', a: CREDIT }, acme))).toBe('FORBIDDEN');
    const taken = await app.graphql(REGISTER, { n: 'credit', p: 'globex', a: CREDIT });
    expect([codeOf(taken), fieldOf(taken)]).toEqual(['CONFLICT', ['input', 'partner']]);
    const badSpec = await app.graphql(REGISTER, { n: 'credit2', p: 'acme', a: { band: { type: 'enum', values: [] } } });
    expect([codeOf(badSpec), fieldOf(badSpec)]).toEqual(['BAD_USER_INPUT', ['input', 'attributes', 'band', 'values']]);
    const list = await app.graphql<{ enrichmentNamespaces: Array<{ name: string; partner: string }> }>('{ enrichmentNamespaces { name partner } }');
    expect(list.body.data!.enrichmentNamespaces).toEqual([{ name: 'credit', partner: 'acme' }, { name: 'loyalty', partner: 'globex' }]);
  });

  it('appends by an e-mail a customer has; a steward sees it on the golden record under its namespace, apart from the profile', async () => {
    const res = await append(acme, '  Kate.Oduya@EXAMPLE.com ', { band: 'B' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.appendEnrichment).toMatchObject({ namespace: 'credit', attributes: ['band'], changed: true, version: 1 });

    const view = await golden(steward);
    expect(view.enrichment).toEqual([{ namespace: 'credit', partner: 'acme', identifierType: 'email', attributes: { band: 'B' }, version: 1, updatedAt: res.body.data!.appendEnrichment.updatedAt }]);
    expect(view.profile).toEqual({ emails: [{ value: KATE }] });

    // Acme reads back exactly what it wrote, in clear.
    const own = await readOwn(acme, KATE);
    expect(own.body.data!.partnerEnrichment).toEqual({ namespace: 'credit', partner: 'acme', identifierType: 'email', attributes: { band: 'B' }, version: 1 });
  });

  it('masks enrichment for marketers and auditors and audits every read of it', async () => {
    await append(acme, KATE, { band: 'B' });
    for (const headers of [bearer('marketer-1', 'marketer'), bearer('auditor-1', 'auditor')]) {
      expect((await golden(headers)).enrichment.map((e) => e.attributes)).toEqual([{ band: '***' }]);
    }
    const reads = (await trail('READ_PROFILE')).filter((e) => e.fields.includes('Enrichment.attributes'));
    expect(reads.map((e) => e.actor)).toEqual(expect.arrayContaining(['steward-1', 'marketer-1', 'auditor-1', expect.stringMatching(/^key:/)]));
    const marketer = reads.find((e) => e.actor === 'marketer-1')!;
    expect(marketer.customerIds).toEqual([customerId]);
    expect(marketer.detail['masked']).toBeGreaterThan(0);
  });

  it('replaces the previous version, keeps it as history, and writes nothing for the same attributes again', async () => {
    const email = 'replace.me@example.com';
    expect((await append(acme, email, { band: 'A' })).body.data!.appendEnrichment.version).toBe(1);
    const second = (await append(acme, email, { band: 'C', score: 640 })).body.data!.appendEnrichment;
    expect(second).toMatchObject({ attributes: ['band', 'score'], changed: true, version: 2 });
    const again = (await append(acme, email, { score: 640, band: 'C' })).body.data!.appendEnrichment;
    expect(again).toEqual({ ...second, changed: false });
    expect((await readOwn(acme, email)).body.data!.partnerEnrichment).toMatchObject({ attributes: { band: 'C', score: 640 }, version: 2 });
    const history = await app.executor.readRows<{ version: number; keyId: string }>(
      // An enrichment is keyed by its namespace and the identifier's blind index, as the app stores it.
      "MATCH (:Enrichment {id: 'credit|' + $key})-[:SUPERSEDED]->(v:EnrichmentVersion) RETURN v.version AS version, v.keyId AS keyId",
      { key: testCodec().lookupKey('email', email) },
    );
    expect(history).toEqual([{ version: 1, keyId: expect.stringMatching(/^key:/) }]);
  });

  it('refuses an invalid band with the field path, and an unknown attribute, and stores nothing', async () => {
    const email = 'invalid.band@example.com';
    const bad = await append(acme, email, { band: 'Z' });
    expect([codeOf(bad), fieldOf(bad)]).toEqual(['BAD_USER_INPUT', ['attributes', 'band']]);
    expect(bad.body.errors![0]!.message).toBe('band must be one of A, B, C, D, E');
    const unknown = await append(acme, email, { band: 'A', income: 52_000 });
    expect([codeOf(unknown), fieldOf(unknown)]).toEqual(['BAD_USER_INPUT', ['attributes', 'income']]);
    expect(JSON.stringify(unknown.body)).not.toContain('52000');
    expect((await readOwn(acme, email)).body.data!.partnerEnrichment).toBeNull();
  });

  it('answers an unknown e-mail exactly like a known one, and a record ingested later picks the enrichment up', async () => {
    await ingestRows(app, CRM.name, [
      { id: 'c2', given: 'Noor', family: 'Haddad', email: 'noor.haddad@example.com' },
      { id: 'c4', given: 'Oskar', family: 'Unwritten', email: 'oskar.unwritten@example.com' },
    ]);
    const known = (await append(acme, 'noor.haddad@example.com', { band: 'D' })).body;
    const unknown = (await append(acme, 'ines.later@example.com', { band: 'D' })).body;
    const withoutTime = (body: typeof known) => ({ ...body, data: { appendEnrichment: { ...body.data!.appendEnrichment, updatedAt: 't' } } });
    expect(withoutTime(unknown)).toEqual(withoutTime(known));
    // Unwritten: the same null whether or not a customer holds the identifier.
    expect((await readOwn(acme, 'nobody.at.all@example.com')).body).toEqual((await readOwn(acme, 'oskar.unwritten@example.com')).body);
    expect((await readOwn(acme, 'nobody.at.all@example.com')).body.data!.partnerEnrichment).toBeNull();

    await ingestRows(app, CRM.name, [{ id: 'c3', given: 'Ines', family: 'Later', email: 'Ines.Later@example.com' }]);
    const later = (await customerOfRecord(app, CRM.name, 'c3'))!;
    expect((await golden(steward, later)).enrichment).toEqual([expect.objectContaining({ namespace: 'credit', attributes: { band: 'D' } })]);
  });

  it('refuses another partner, an unknown namespace, a source key, staff and a revoked key', async () => {
    const otherPartner = await append(globex, KATE, { band: 'A' });
    const noNamespace = await append(globex, KATE, { band: 'A' }, 'no-such-namespace');
    expect(codeOf(otherPartner)).toBe('FORBIDDEN');
    expect(noNamespace.body).toEqual(otherPartner.body);
    const readOther = await readOwn(globex, KATE);
    expect(codeOf(readOther)).toBe('FORBIDDEN');
    expect((await readOwn(globex, KATE, 'no-such-namespace')).body).toEqual(readOther.body);
    // Globex writes its own namespace, which acme cannot read.
    expect((await append(globex, KATE, { tier: 'gold' }, 'loyalty')).body.errors).toBeUndefined();
    expect(codeOf(await readOwn(acme, KATE, 'loyalty'))).toBe('FORBIDDEN');

    const source = (await createKey(`source:${CRM.name}`)).headers;
    expect(codeOf(await append(source, KATE, { band: 'A' }))).toBe('FORBIDDEN');
    expect(codeOf(await append(steward, KATE, { band: 'A' }))).toBe('FORBIDDEN');
    expect(codeOf(await app.graphql(READ_OWN, { t: 'email', v: KATE, ns: 'credit' }, steward))).toBe('FORBIDDEN');

    const revoked = await createKey('partner:acme');
    expect((await append(revoked.headers, 'revoked@example.com', { band: 'A' })).body.errors).toBeUndefined();
    await app.graphql('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: revoked.id });
    const refused = await append(revoked.headers, 'revoked@example.com', { band: 'E' });
    expect([refused.status, codeOf(refused)]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await readOwn(acme, 'revoked@example.com')).body.data!.partnerEnrichment).toMatchObject({ attributes: { band: 'A' }, version: 1 });
    // Kate's credit band is still acme's B: nothing another caller tried reached it.
    expect((await golden(steward)).enrichment.find((e) => e.namespace === 'credit')?.attributes).toEqual({ band: 'B' });
  });

  it('audits appends with the partner key as actor, ids and attribute names only', async () => {
    const entries = await trail('ENRICHMENT_APPEND');
    const kate = entries.find((e) => e.role === 'partner:acme' && e.customerIds.includes(customerId))!;
    expect(kate).toMatchObject({ actor: expect.stringMatching(/^key:[0-9a-f]{16}$/), role: 'partner:acme', operation: 'ENRICHMENT_APPEND', fields: ['band'] });
    expect(Object.keys(kate.detail).sort()).toEqual(['changed', 'identifierType', 'keyId', 'namespace', 'partner', 'version']);
    expect(kate.detail).toMatchObject({ namespace: 'credit', partner: 'acme', keyId: kate.actor, identifierType: 'email' });
    // An identifier no customer held at the time names no one; no entry carries an identifier or a value.
    expect(entries.some((e) => e.customerIds.length === 0)).toBe(true);
    const text = JSON.stringify(entries);
    for (const secret of ['example.com', '"band":', '"B"', '"D"', 'gold']) expect(text).not.toContain(secret);
    const registrations = await trail('ENRICHMENT_REGISTER');
    expect(registrations).toContainEqual(expect.objectContaining({ actor: 'test-admin', fields: ['band', 'score'], detail: { namespace: 'credit', partner: 'acme', version: 1 } }));
  });

  it('seeks by index, never scans a growing label, for every enrichment query', async () => {
    const executor = new PlanScanningExecutor(app.driver, 'neo4j');
    // The app's codec, so that what it reads back decodes and its seeks use the same keys.
    const services = createServices(executor, { codec: testCodec() });
    const by = { partner: 'acme', keyId: 'key:plan' };
    await services.enrichment.registerNamespace({ name: 'credit', partner: 'acme', attributes: CREDIT }, systemActor);
    await services.enrichment.append(by, { identifier: { type: 'email', value: KATE }, namespace: 'credit', attributes: { band: 'C' } }, systemActor);
    await services.enrichment.append(by, { identifier: { type: 'email', value: 'plan.new@example.com' }, namespace: 'credit', attributes: { band: 'C' } }, systemActor);
    await services.enrichment.readOwn(by, { type: 'email', value: KATE }, 'credit');
    await services.enrichment.ownerOf('credit');
    const [kate, unknown] = await services.enrichment.loader().loadMany([customerId, 'cus_unknown']);
    expect(kate).toContainEqual(expect.objectContaining({ namespace: 'credit', attributes: { band: 'C' } }));
    expect(unknown).toEqual([]);
    const small = /[ :](AuditUnsealed|AuditHead)\b/;
    expect(Object.fromEntries([...executor.scans].filter(([, scans]) => scans.some((s) => !small.test(s))))).toEqual({});
  });
});
