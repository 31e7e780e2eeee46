import type { VerificationFactor as FactorName } from '../../src/auth/verification.ts';
import type { CallerVerificationResolvers, VerificationFactor } from '../../src/generated/graphql.ts';

/** dateOfBirth -> DATE_OF_BIRTH, lastFourOfPhone -> LAST_FOUR_OF_PHONE */
const factorOf = (name: FactorName): VerificationFactor => name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase() as VerificationFactor;
const iso = (epochMs: number): string => new Date(epochMs).toISOString();

export const CallerVerification: CallerVerificationResolvers = {
  status: (o) => (o.status === 'unlocked' ? 'UNLOCKED' : o.status === 'failed' ? 'FAILED' : 'LOCKED'),
  verified: (o) => o.status === 'unlocked',
  locked: (o) => o.status === 'locked',
  matched: (o) => o.matched.map(factorOf),
  customerId: (o) => (o.status === 'unlocked' ? o.customerId : null),
  unlockedUntil: (o) => (o.status === 'unlocked' ? iso(o.unlockedUntil) : null),
  lockedUntil: (o) => (o.status === 'locked' ? iso(o.lockedUntil) : null),
};
