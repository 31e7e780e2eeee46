import { describe, expect, it } from 'vitest';
import type { GoldenRecord } from '../golden/survivorship.ts';
import { checkAnswers, defaultVerificationSettings, emptyVerificationState, parseAnswers, planAttempt, type AttemptInput } from './verification.ts';

const from = { recordKey: 'crm|1', source: 'crm', sourceRecordId: '1', updatedAt: 0 };
const listValue = (value: string, preferred = true) => ({ value, preferred, rule: null, sources: [from], firstSeen: 0, lastSeen: 0 });

const golden: GoldenRecord = {
  attributes: {
    givenName: { value: 'Jane', rule: 'only-value', from, candidates: 1 },
    familyName: { value: 'Doe', rule: 'only-value', from, candidates: 1 },
    dateOfBirth: { value: '1990-12-31', rule: 'only-value', from, candidates: 1 },
  },
  emails: [listValue('jane.doe@example.com'), listValue('jd@work.example', false)],
  phones: [listValue('+442079460789'), listValue('+447700900123', false)],
  addresses: [
    { ...listValue('1 High St, London, SW1A 1AA, GB'), address: { lines: ['1 High St'], city: 'London', region: null, postcode: 'SW1A 1AA', country: 'GB' } },
    { ...listValue('2 Main St, 90210, US', false), address: { lines: ['2 Main St'], city: null, region: null, postcode: '90210', country: 'US' } },
  ],
  legalNames: [],
  identifiers: [],
  recordCount: 1,
};

describe('parseAnswers', () => {
  it('normalizes dates of birth the way ingestion does, in any unambiguous format', () => {
    for (const text of ['1990-12-31', '31/12/1990', '31 December 1990', 'December 31st, 1990', '19901231']) {
      expect(parseAnswers({ dateOfBirth: text, lastFourOfPhone: '0789' }, 2).dateOfBirth).toBe('1990-12-31');
    }
  });

  it('refuses an answer it cannot read, naming the factor but never the value', () => {
    const attempt = () => parseAnswers({ dateOfBirth: '03/04/1990', lastFourOfPhone: '0789' }, 2);
    expect(attempt).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: ['answers', 'dateOfBirth'] }));
    try {
      attempt();
    } catch (error) {
      expect(JSON.stringify({ message: (error as Error).message, client: (error as { clientMessage: string }).clientMessage })).not.toContain('03/04');
    }
    expect(() => parseAnswers({ lastFourOfPhone: '789', postcode: 'SW1A 1AA' }, 2)).toThrow(expect.objectContaining({ field: ['answers', 'lastFourOfPhone'] }));
    expect(() => parseAnswers({ email: 'not an address', postcode: 'SW1A 1AA' }, 2)).toThrow(expect.objectContaining({ field: ['answers', 'email'] }));
  });

  it('refuses fewer answers than could ever unlock; blank answers are no answers', () => {
    expect(() => parseAnswers({ postcode: 'SW1A 1AA', email: '  ' }, 2)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: ['answers'] }));
    expect(parseAnswers({ postcode: 'SW1A 1AA' }, 1)).toEqual({ postcode: 'SW1A 1AA' });
  });
});

describe('checkAnswers', () => {
  const check = (raw: Parameters<typeof parseAnswers>[0]) => checkAnswers(golden, parseAnswers(raw, 1));

  it('compares postcodes without case or spaces, against any of the addresses', () => {
    expect(check({ postcode: 'sw1a1aa' })).toEqual(['postcode']);
    expect(check({ postcode: ' SW1A   1AA ' })).toEqual(['postcode']);
    expect(check({ postcode: '90210-1234' })).toEqual(['postcode']);
    expect(check({ postcode: 'SW1A 1AB' })).toEqual([]);
  });

  it('matches the last four digits of any phone, e-mails by mailbox, and reports factors in a fixed order', () => {
    expect(check({ lastFourOfPhone: '0123' })).toEqual(['lastFourOfPhone']);
    expect(check({ lastFourOfPhone: '0 7 8 9' })).toEqual(['lastFourOfPhone']);
    expect(check({ lastFourOfPhone: '1234' })).toEqual([]);
    expect(check({ email: ' Jane.Doe@EXAMPLE.com ' })).toEqual(['email']);
    expect(check({ email: 'JD@work.example', dateOfBirth: '31.12.1990', postcode: 'nope1' })).toEqual(['dateOfBirth', 'email']);
  });

  it('matches nothing without a golden record', () => {
    expect(checkAnswers(null, { dateOfBirth: '1990-12-31', postcode: 'SW1A 1AA' })).toEqual([]);
  });
});

describe('planAttempt', () => {
  const now = 1_000_000_000_000;
  const settings = defaultVerificationSettings;
  const right = { dateOfBirth: '1990-12-31', postcode: 'SW1A 1AA' };
  const wrong = { dateOfBirth: '1991-01-01', postcode: 'SW1A 1AA' };
  const attempt = (over: Partial<AttemptInput>): ReturnType<typeof planAttempt> =>
    planAttempt({ askedId: 'cus_1', customerId: 'cus_1', golden, answers: right, state: emptyVerificationState, now, settings, ...over });

  it('unlocks for the configured time on enough matching factors, clearing earlier failures', () => {
    const plan = attempt({ state: { failures: [now - 1000], lockedUntil: null, unlockedUntil: null } });
    expect(plan.outcome).toEqual({ status: 'unlocked', customerId: 'cus_1', matched: ['dateOfBirth', 'postcode'], required: 2, attemptsLeft: 3, unlockedUntil: now + settings.unlockMs });
    expect(plan.state).toEqual({ failures: [], lockedUntil: null, unlockedUntil: now + settings.unlockMs });
    expect(plan.audit).toEqual([
      { operation: 'verify.unlock', customerIds: ['cus_1'], detail: { answered: 'dateOfBirth,postcode', matched: 'dateOfBirth,postcode', known: true, unlockedUntil: new Date(now + settings.unlockMs).toISOString() } },
    ]);
  });

  it('counts a failure and says which factors matched, never the values on file', () => {
    const plan = attempt({ answers: wrong });
    expect(plan.outcome).toEqual({ status: 'failed', matched: ['postcode'], required: 2, attemptsLeft: 2 });
    expect(plan.state.failures).toEqual([now]);
    expect(JSON.stringify(plan)).not.toMatch(/1990-12-31|1991-01-01|SW1A/);
  });

  it('forgets failures older than the window', () => {
    const plan = attempt({ answers: wrong, state: { failures: [now - settings.failureWindowMs - 1, now - 10], lockedUntil: null, unlockedUntil: null } });
    expect(plan.outcome).toMatchObject({ status: 'failed', attemptsLeft: 1 });
    expect(plan.state.failures).toEqual([now - 10, now]);
  });

  it('locks on the third failure in the window, ends a running unlock, and audits the lock', () => {
    const plan = attempt({ answers: wrong, state: { failures: [now - 20, now - 10], lockedUntil: null, unlockedUntil: now + 5000 } });
    expect(plan.outcome).toEqual({ status: 'locked', matched: ['postcode'], required: 2, attemptsLeft: 0, lockedUntil: now + settings.lockMs });
    expect(plan.state).toEqual({ failures: [], lockedUntil: now + settings.lockMs, unlockedUntil: null });
    expect(plan.audit.map((a) => a.operation)).toEqual(['verify.fail', 'verify.lock']);
  });

  it('while locked, answers locked without checking the answers', () => {
    const state = { failures: [], lockedUntil: now + 1, unlockedUntil: null };
    const plan = attempt({ state });
    expect(plan.outcome).toEqual({ status: 'locked', matched: [], required: 2, attemptsLeft: 0, lockedUntil: now + 1 });
    expect(plan.state).toBe(state);
    expect(plan.audit).toEqual([expect.objectContaining({ operation: 'verify.fail', detail: expect.objectContaining({ outcome: 'locked', matched: '' }) })]);
    expect(attempt({ state: { ...state, lockedUntil: now } }).outcome.status).toBe('unlocked');
  });

  it('answers an unknown customer id exactly like a known customer whose answers did not match', () => {
    const unknown = attempt({ askedId: 'cus_nobody', customerId: null, golden: null });
    const known = attempt({ answers: { dateOfBirth: '1991-01-01', postcode: 'E1 6AN' } });
    expect(unknown.outcome).toEqual(known.outcome);
    expect(unknown.state).toEqual(known.state);
    expect(unknown.audit[0]).toMatchObject({ operation: 'verify.fail', customerIds: ['cus_nobody'], detail: { known: false } });
  });

  it('keys a merged-away id by its survivor and names the id asked in the audit', () => {
    const plan = attempt({ askedId: 'cus_old', customerId: 'cus_1' });
    expect(plan.outcome).toMatchObject({ status: 'unlocked', customerId: 'cus_1' });
    expect(plan.audit[0]).toMatchObject({ customerIds: ['cus_1'], detail: { requestedId: 'cus_old' } });
  });

  it('needs as many factors as configured', () => {
    expect(attempt({ settings: { ...settings, minFactors: 3 } }).outcome).toMatchObject({ status: 'failed', matched: ['dateOfBirth', 'postcode'], required: 3 });
    expect(attempt({ answers: wrong, settings: { ...settings, minFactors: 1 } }).outcome).toMatchObject({ status: 'unlocked', matched: ['postcode'] });
  });
});
