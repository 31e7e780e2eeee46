import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../src/audit/audit.ts';
import { createServices } from '../src/services.ts';
import { CRM, customerOfRecord, ingestRows, resetWithGoldenSources } from './support/golden-sources.ts';
import { PlanScanningExecutor } from './support/plan-scans.ts';
import { bearer, startTestApp, testCodec, type TestApp } from './support/test-app.ts';

const MINUTE = 60_000;
const agent1 = bearer('agent-1', 'agent');
const agent2 = bearer('agent-2', 'agent');
const auditor = bearer('auditor-1', 'auditor');

const JANE = { id: 'c1', given: 'Jane', family: 'Doe', email: 'jane.doe@example.com', phone: '020 7946 0789', dob: '1990-12-31', street: '1 High Street', city: 'London', postcode: 'SW1A 1AA' };
const OMAR = { id: 'c2', given: 'Omar', family: 'Haddad', email: 'omar.h@example.org', phone: '020 7946 0456', dob: '1985-06-15', street: '5 Brick Lane', city: 'London', postcode: 'E1 6AN' };
const RIGHT = { dateOfBirth: '31 December 1990', postcode: 'sw1a1aa' };
const WRONG = { dateOfBirth: '1991-01-01', postcode: 'N1 9GU' };
/** Strings of Jane's answers and of her contact details on file: none may appear in an answer or the audit trail. */
const SECRETS = ['1990', '31 December', 'SW1A', 'sw1a', '0789', 'jane.doe', '1991-01-01', 'N1 9GU', '+44207'];

type Profile = {
  givenName: { value: string } | null;
  familyName: { value: string } | null;
  dateOfBirth: { value: string } | null;
  emails: Array<{ value: string }>;
  phones: Array<{ value: string }>;
  addresses: Array<{ postcode: string | null }>;
};
type Verification = {
  status: 'UNLOCKED' | 'FAILED' | 'LOCKED';
  verified: boolean;
  locked: boolean;
  matched: string[];
  required: number;
  attemptsLeft: number;
  customerId: string | null;
  unlockedUntil: string | null;
  lockedUntil: string | null;
};
type Entry = { actor: string; role: string; operation: string; customerIds: string[]; detail: Record<string, unknown> };

const PROFILE = 'givenName { value } familyName { value } dateOfBirth { value } emails { value } phones { value } addresses { postcode }';
const VERIFY = `mutation($id: ID!, $answers: VerifyCallerAnswers!) { verifyCaller(customerId: $id, answers: $answers) {
  status verified locked matched required attemptsLeft customerId unlockedUntil lockedUntil } }`;

describe('agent step-up verification', () => {
  let app: TestApp;
  let clock = Date.now();
  let jane: string;
  let omar: string;

  const profile = async (id: string, headers: Record<string, string>): Promise<Profile> => {
    const res = await app.graphql<{ customer: { profile: Profile } }>(`query($id: ID!) { customer(id: $id) { profile { ${PROFILE} } } }`, { id }, headers);
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!.customer.profile;
  };
  const verifyRaw = (id: string, answers: Record<string, string>, headers = agent1) => app.graphql<{ verifyCaller: Verification }>(VERIFY, { id, answers }, headers);
  const verify = async (id: string, answers: Record<string, string>, headers = agent1): Promise<Verification> => {
    const res = await verifyRaw(id, answers, headers);
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!.verifyCaller;
  };
  const trail = async (): Promise<Entry[]> => {
    const res = await app.graphql<{ auditTrail: Entry[] }>('{ auditTrail(operations: [VERIFY_UNLOCK, VERIFY_FAIL, VERIFY_LOCK], first: 100) { actor role operation customerIds detail } }', {}, auditor);
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data!.auditTrail;
  };
  const masked = (p: Profile) => ({ dob: p.dateOfBirth?.value, email: p.emails[0]?.value, phone: p.phones[0]?.value, postcode: p.addresses[0]?.postcode });

  beforeAll(async () => {
    // The per-agent rate limit of verifyCaller is tested on its own; here it would stop the attempts that count failures.
    app = await startTestApp({ serviceOptions: { verification: { now: () => clock } }, rateLimits: { queriesPerMinute: 100_000, verifyCallerPerMinute: 100_000 } });
  });
  beforeEach(async () => {
    clock = Date.now();
    await resetWithGoldenSources(app);
    await ingestRows(app, CRM.name, [JANE, OMAR]);
    [jane, omar] = [(await customerOfRecord(app, CRM.name, 'c1'))!, (await customerOfRecord(app, CRM.name, 'c2'))!];
    expect(jane).not.toBe(omar);
  });
  afterAll(async () => app.stop());

  it('shows an agent names in clear and contact details masked', async () => {
    const p = await profile(jane, agent1);
    expect([p.givenName?.value, p.familyName?.value]).toEqual(['Jane', 'Doe']);
    expect(masked(p)).toEqual({ dob: '****-**-**', email: 'j***@example.com', phone: '+44 ***** *789', postcode: 'SW1A ***' });
  });

  it('answers a wrong verification with the factors that matched, never the values on file', async () => {
    const none = await verifyRaw(jane, WRONG);
    expect(none.body.data!.verifyCaller).toEqual({ status: 'FAILED', verified: false, locked: false, matched: [], required: 2, attemptsLeft: 2, customerId: null, unlockedUntil: null, lockedUntil: null });
    const one = await verifyRaw(jane, { ...WRONG, lastFourOfPhone: '0789' });
    expect(one.body.data!.verifyCaller).toMatchObject({ status: 'FAILED', matched: ['LAST_FOUR_OF_PHONE'], attemptsLeft: 1 });
    for (const res of [none, one]) for (const secret of SECRETS) expect(JSON.stringify(res.body)).not.toContain(secret);
    expect(masked(await profile(jane, agent1)).email).toBe('j***@example.com');
  });

  it('unlocks that customer for that agent only, on two right factors in any format', async () => {
    const result = await verify(jane, RIGHT);
    expect(result).toEqual({
      status: 'UNLOCKED', verified: true, locked: false, matched: ['DATE_OF_BIRTH', 'POSTCODE'], required: 2, attemptsLeft: 3,
      customerId: jane, unlockedUntil: new Date(clock + 15 * MINUTE).toISOString(), lockedUntil: null,
    });
    expect(masked(await profile(jane, agent1))).toEqual({ dob: '1990-12-31', email: 'jane.doe@example.com', phone: '+442079460789', postcode: 'SW1A 1AA' });
    // Another agent still sees masks, and so does this agent for another customer.
    expect(masked(await profile(jane, agent2))).toEqual({ dob: '****-**-**', email: 'j***@example.com', phone: '+44 ***** *789', postcode: 'SW1A ***' });
    expect(masked(await profile(omar, agent1)).email).toBe('o***@example.org');
  });

  it('accepts other factors: e-mail by mailbox and the last four digits of a phone', async () => {
    expect(await verify(jane, { email: ' Jane.Doe@EXAMPLE.com', lastFourOfPhone: '0789' })).toMatchObject({ status: 'UNLOCKED', matched: ['LAST_FOUR_OF_PHONE', 'EMAIL'] });
  });

  it('lets the unlock expire', async () => {
    await verify(jane, RIGHT);
    clock += 15 * MINUTE - 1;
    expect(masked(await profile(jane, agent1)).email).toBe('jane.doe@example.com');
    clock += 2;
    expect(masked(await profile(jane, agent1)).email).toBe('j***@example.com');
  });

  it('locks after three failures: the fourth attempt with right answers answers locked, until the window passes', async () => {
    expect((await verify(jane, WRONG)).status).toBe('FAILED');
    expect((await verify(jane, WRONG)).status).toBe('FAILED');
    const third = await verify(jane, WRONG);
    expect(third).toMatchObject({ status: 'LOCKED', locked: true, verified: false, attemptsLeft: 0, lockedUntil: new Date(clock + 15 * MINUTE).toISOString() });
    expect(await verify(jane, RIGHT)).toMatchObject({ status: 'LOCKED', locked: true, matched: [], customerId: null });
    expect(masked(await profile(jane, agent1)).email).toBe('j***@example.com');
    // Another agent is not locked out by agent-1's failures.
    expect((await verify(jane, RIGHT, agent2)).status).toBe('UNLOCKED');
    clock += 15 * MINUTE + 1;
    expect((await verify(jane, RIGHT)).status).toBe('UNLOCKED');
  });

  it('answers an unknown customer id exactly like a failed verification, and counts it', async () => {
    const known = await verify(omar, WRONG, agent2);
    const unknown = await verify('cus_does_not_exist', WRONG);
    expect(unknown).toEqual(known);
    // Right answers for someone do not help either.
    expect(await verify('cus_does_not_exist', RIGHT)).toMatchObject({ status: 'FAILED', matched: [], attemptsLeft: 1 });
    expect((await verify('cus_does_not_exist', RIGHT)).status).toBe('LOCKED');
  });

  it('follows a merged-away id to its survivor', async () => {
    const merged = await app.graphql<{ mergeCustomers: { survivor: { id: string }; mergedAway: string } }>(
      'mutation($a: ID!, $b: ID!) { mergeCustomers(a: $a, b: $b, reason: "same person") { survivor { id } mergedAway } }',
      { a: jane, b: omar },
    );
    const { survivor, mergedAway } = merged.body.data!.mergeCustomers;
    // E-mails and phones of every merged record stay on the survivor's golden record.
    const answers = mergedAway === omar ? { email: 'omar.h@example.org', lastFourOfPhone: '0456' } : { email: 'jane.doe@example.com', lastFourOfPhone: '0789' };
    const result = await verify(mergedAway, answers);
    expect(result).toMatchObject({ status: 'UNLOCKED', customerId: survivor.id });
    expect(masked(await profile(mergedAway, agent1)).email).not.toContain('***');
  });

  it('is for agents only: admins and other roles are refused', async () => {
    for (const headers of [bearer('admin-1', 'admin'), bearer('steward-1', 'steward'), bearer('marketer-1', 'marketer'), bearer('auditor-1', 'auditor')]) {
      const res = await verifyRaw(jane, RIGHT, headers);
      expect(res.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
  });

  it('refuses malformed answers before checking anything, and counts no attempt', async () => {
    const res = await verifyRaw(jane, { dateOfBirth: '03/04/1990', postcode: 'SW1A 1AA' });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['answers', 'dateOfBirth'] });
    expect(JSON.stringify(res.body)).not.toContain('03/04');
    expect((await verifyRaw(jane, { postcode: 'SW1A 1AA' })).body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(await trail()).toEqual([]);
  });

  it('audits unlocks, failures and locks with the agent as actor, ids and factor names only', async () => {
    await verify(jane, RIGHT);
    await verify(omar, { ...WRONG, lastFourOfPhone: '0456' });
    await verify(omar, WRONG);
    await verify(omar, WRONG);
    await verify(omar, RIGHT);
    const entries = await trail();
    // The third failure and the lock share a transaction (and a time): compare them as a set.
    expect(entries.map((e) => e.operation).sort()).toEqual(['VERIFY_FAIL', 'VERIFY_FAIL', 'VERIFY_FAIL', 'VERIFY_FAIL', 'VERIFY_LOCK', 'VERIFY_UNLOCK']);
    for (const e of entries) expect(e).toMatchObject({ actor: 'agent-1', role: 'agent' });
    const failures = (n: number) => entries.filter((e) => e.operation === 'VERIFY_FAIL' && e.detail['failures'] === n);
    expect(entries.find((e) => e.operation === 'VERIFY_UNLOCK')).toMatchObject({ customerIds: [jane], detail: { answered: 'dateOfBirth,postcode', matched: 'dateOfBirth,postcode', known: true } });
    expect(failures(1)).toEqual([expect.objectContaining({ customerIds: [omar], detail: expect.objectContaining({ outcome: 'failed', matched: 'lastFourOfPhone' }) })]);
    expect(failures(3)).toHaveLength(1);
    expect(entries.find((e) => e.operation === 'VERIFY_LOCK')).toMatchObject({ customerIds: [omar], detail: { failures: 3 } });
    expect(entries.filter((e) => e.detail['outcome'] === 'locked')).toEqual([expect.objectContaining({ customerIds: [omar], detail: expect.objectContaining({ matched: '' }) })]);
    const text = JSON.stringify(entries);
    for (const secret of [...SECRETS, '1985', 'E1 6AN', '0456', 'omar.h']) expect(text).not.toContain(secret);
  });

  it('loses no failure under concurrency: ten wrong attempts at once lock exactly once', async () => {
    // One factor right: the attempt that locks still shows what it checked, those refused by the lock show nothing.
    const results = await Promise.all(Array.from({ length: 10 }, () => verify(jane, { ...WRONG, lastFourOfPhone: '0789' })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual(['FAILED', 'FAILED', ...Array<string>(8).fill('LOCKED')]);
    expect(results.filter((r) => r.matched.length === 1)).toHaveLength(3);
    expect(results.filter((r) => r.status === 'LOCKED' && r.matched.length === 0)).toHaveLength(7);
    const entries = await trail();
    expect(entries.filter((e) => e.operation === 'VERIFY_LOCK')).toHaveLength(1);
    expect(entries.filter((e) => e.operation === 'VERIFY_FAIL' && e.detail['outcome'] === 'failed')).toHaveLength(3);
    const nodes = await app.executor.readRows<{ n: number }>("MATCH (v:CallerVerification {agentId: 'agent-1'}) RETURN count(v) AS n");
    expect(nodes).toEqual([{ n: 1 }]);
    expect((await verify(jane, RIGHT)).status).toBe('LOCKED');
  });

  it('seeks by agent and customer, never scans', async () => {
    const executor = new PlanScanningExecutor(app.driver, 'neo4j');
    const verification = createServices(executor, { codec: testCodec(), verification: { now: () => clock } }).verification;
    await verification.verify({ ...systemActor, id: 'agent-3', role: 'agent' }, jane, RIGHT);
    await verification.verify({ ...systemActor, id: 'agent-3', role: 'agent' }, omar, WRONG);
    expect(await verification.unlocked('agent-3', [jane, omar, 'cus_nobody'])).toEqual(new Set([jane]));
    expect(Object.fromEntries(executor.scans)).toEqual({});
  });
});
