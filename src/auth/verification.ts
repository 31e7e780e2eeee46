import type { AuditInput } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { GoldenRecord } from '../golden/survivorship.ts';
import { normalizePostcode } from '../normalize/address.ts';
import { normalizeDate } from '../normalize/date.ts';
import { normalizeEmail } from '../normalize/email.ts';
import { foldText } from '../normalize/text.ts';

/**
 * What a caller on the line can be asked to prove who they are. Names are not among
 * them: agents see names in clear, so a name proves nothing the agent could not read out.
 */
export const verificationFactors = ['dateOfBirth', 'postcode', 'lastFourOfPhone', 'email'] as const;
export type VerificationFactor = (typeof verificationFactors)[number];

/** The answers as the agent typed them. */
export type RawAnswers = Partial<Record<VerificationFactor, string | null | undefined>>;

/** The answers given, each checked for shape and normalized the way ingestion normalizes. */
export type Answers = Partial<Record<VerificationFactor, string>>;

export type VerificationSettings = {
  /** VERIFY_MIN_FACTORS: answers that must match to unlock. */
  minFactors: number;
  /** VERIFY_UNLOCK_MINUTES, in ms: how long a verification unlocks contact details. */
  unlockMs: number;
  /** Failures within `failureWindowMs` that lock verification of the customer for the agent. */
  maxFailures: number;
  failureWindowMs: number;
  /** How long the lock lasts. */
  lockMs: number;
};

const MINUTE = 60_000;
export const defaultVerificationSettings: VerificationSettings = {
  minFactors: 2,
  unlockMs: 15 * MINUTE,
  maxFailures: 3,
  failureWindowMs: 15 * MINUTE,
  lockMs: 15 * MINUTE,
};

const MAX_ANSWER_LENGTH = 320;

const badAnswer = (factor: VerificationFactor, expectation: string) =>
  new DomainError('BAD_USER_INPUT', `Unreadable verification answer: ${factor}`, { clientMessage: `${factor} must be ${expectation}`, field: ['answers', factor] });

const readers: Record<VerificationFactor, { read: (text: string) => string | null; expectation: string }> = {
  dateOfBirth: { read: (text) => normalizeDate(text), expectation: 'a date that cannot be misread, e.g. 1990-04-03 or 3 April 1990' },
  postcode: { read: (text) => (/^[\p{L}\p{N} -]{2,12}$/u.test(text) ? text : null), expectation: 'a postcode' },
  lastFourOfPhone: { read: (text) => (/^\d{4}$/.test(text.replace(/\s/g, '')) ? text.replace(/\s/g, '') : null), expectation: 'four digits' },
  email: { read: (text) => normalizeEmail(text), expectation: 'an e-mail address' },
};

/**
 * Checks the shape of each answer given, before any customer is looked at: a malformed
 * answer is BAD_USER_INPUT and counts as no attempt, whoever the customer is. Fewer
 * answers than `minFactors` could never unlock, so they are refused the same way.
 * Error messages name the factor, never the value typed.
 * @example parseAnswers({ dateOfBirth: '31/12/1990', postcode: 'sw1a 1aa' }, 2) // { dateOfBirth: '1990-12-31', postcode: 'sw1a 1aa' }
 */
export function parseAnswers(raw: RawAnswers, minFactors: number): Answers {
  const answers: Answers = {};
  for (const factor of verificationFactors) {
    const text = raw[factor]?.trim();
    if (!text) continue;
    const value = text.length > MAX_ANSWER_LENGTH ? null : readers[factor].read(text);
    if (value === null) throw badAnswer(factor, readers[factor].expectation);
    answers[factor] = value;
  }
  if (Object.keys(answers).length < minFactors) {
    throw new DomainError('BAD_USER_INPUT', 'Too few verification answers', {
      clientMessage: `give at least ${minFactors} of ${verificationFactors.join(', ')}`,
      field: ['answers'],
    });
  }
  return answers;
}

/** A postcode as compared: written the way its country writes it, then without case, spaces or hyphens. */
const postcodeKey = (text: string, country: string | null): string =>
  foldText(normalizePostcode(text, country ?? undefined) ?? text)
    .toUpperCase()
    .replace(/[\s-]+/g, '');

const matchers: Record<VerificationFactor, (golden: GoldenRecord, answer: string) => boolean> = {
  dateOfBirth: (golden, answer) => {
    const dob = golden.attributes.dateOfBirth?.value;
    return dob !== undefined && (normalizeDate(dob) ?? dob) === answer;
  },
  postcode: (golden, answer) =>
    golden.addresses.some(({ address }) => address.postcode !== null && postcodeKey(address.postcode, address.country) === postcodeKey(answer, address.country)),
  lastFourOfPhone: (golden, answer) => golden.phones.some((phone) => phone.value.replace(/\D/g, '').endsWith(answer)),
  email: (golden, answer) => golden.emails.some((email) => (normalizeEmail(email.value) ?? email.value.toLowerCase()) === answer),
};

/**
 * The factors whose answers match the customer's golden record (any of its postcodes,
 * phones and e-mails), in factor order. Pure. No golden record: nothing matches.
 * @example checkAnswers(golden, { dateOfBirth: '1990-12-31', lastFourOfPhone: '0789' }) // ['dateOfBirth']
 */
export function checkAnswers(golden: GoldenRecord | null, answers: Answers): VerificationFactor[] {
  if (golden === null) return [];
  return verificationFactors.filter((factor) => {
    const answer = answers[factor];
    return answer !== undefined && matchers[factor](golden, answer);
  });
}

/** What is stored per agent and customer; times in epoch ms. */
export type VerificationState = { failures: number[]; lockedUntil: number | null; unlockedUntil: number | null };

export const emptyVerificationState: VerificationState = { failures: [], lockedUntil: null, unlockedUntil: null };

/**
 * What an attempt answers. An unknown customer id answers exactly as a known customer
 * whose answers did not match; no outcome carries a value the customer has on file.
 */
export type VerificationOutcome =
  | { status: 'unlocked'; customerId: string; matched: VerificationFactor[]; required: number; attemptsLeft: number; unlockedUntil: number }
  | { status: 'failed'; matched: VerificationFactor[]; required: number; attemptsLeft: number }
  /** `matched` is empty when the lock was already on: the answers were not checked. */
  | { status: 'locked'; matched: VerificationFactor[]; required: number; attemptsLeft: 0; lockedUntil: number };

export type AttemptInput = {
  /** The customer id as asked. */
  askedId: string;
  /** The customer it resolves to (the survivor of a merge); null when no customer has the id. */
  customerId: string | null;
  /** The customer's golden record, null when there is none. */
  golden: GoldenRecord | null;
  answers: Answers;
  /** The stored state, read under the node's write lock. */
  state: VerificationState;
  now: number;
  settings: VerificationSettings;
};

export type AttemptPlan = { outcome: VerificationOutcome; state: VerificationState; audit: AuditInput[] };

/** The key verification state is kept under: the customer the id resolves to, else the id as asked. */
export const verificationKeyOf = (askedId: string, customerId: string | null): string => customerId ?? askedId;

/**
 * Decides one attempt, pure: while locked, the answers are not checked; enough matching
 * factors unlock for `unlockMs` and clear the failures; otherwise the failure is counted
 * among those of the last `failureWindowMs`, and the `maxFailures`th locks for `lockMs`
 * (and ends any unlock still running). Returns the state to store and the audit entries,
 * which name factors only, never an answer.
 */
export function planAttempt(input: AttemptInput): AttemptPlan {
  const { state, now, settings, answers } = input;
  const key = verificationKeyOf(input.askedId, input.customerId);
  const required = settings.minFactors;
  const answered = verificationFactors.filter((factor) => answers[factor] !== undefined);
  const base = {
    customerIds: [key],
    detail: {
      answered: answered.join(','),
      ...(input.customerId !== null && input.customerId !== input.askedId ? { requestedId: input.askedId } : {}),
      known: input.customerId !== null,
    },
  };

  if (state.lockedUntil !== null && state.lockedUntil > now) {
    return {
      outcome: { status: 'locked', matched: [], required, attemptsLeft: 0, lockedUntil: state.lockedUntil },
      state,
      audit: [{ operation: 'verify.fail', ...base, detail: { ...base.detail, outcome: 'locked', matched: '', lockedUntil: iso(state.lockedUntil) } }],
    };
  }

  const matched = input.customerId === null ? [] : checkAnswers(input.golden, answers);
  if (matched.length >= required) {
    const unlockedUntil = now + settings.unlockMs;
    return {
      outcome: { status: 'unlocked', customerId: key, matched, required, attemptsLeft: settings.maxFailures, unlockedUntil },
      state: { failures: [], lockedUntil: null, unlockedUntil },
      audit: [{ operation: 'verify.unlock', ...base, detail: { ...base.detail, matched: matched.join(','), unlockedUntil: iso(unlockedUntil) } }],
    };
  }

  const failures = [...state.failures.filter((at) => at > now - settings.failureWindowMs), now];
  const failed: AuditInput = { operation: 'verify.fail', ...base, detail: { ...base.detail, outcome: 'failed', matched: matched.join(','), failures: failures.length } };
  if (failures.length >= settings.maxFailures) {
    const lockedUntil = now + settings.lockMs;
    return {
      outcome: { status: 'locked', matched, required, attemptsLeft: 0, lockedUntil },
      state: { failures: [], lockedUntil, unlockedUntil: null },
      audit: [failed, { operation: 'verify.lock', ...base, detail: { ...base.detail, failures: failures.length, lockedUntil: iso(lockedUntil) } }],
    };
  }
  return {
    outcome: { status: 'failed', matched, required, attemptsLeft: settings.maxFailures - failures.length },
    state: { ...state, failures, lockedUntil: null },
    audit: [failed],
  };
}

const iso = (epochMs: number): string => new Date(epochMs).toISOString();
