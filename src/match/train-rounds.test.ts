import { describe, expect, it } from 'vitest';
import { blockingRules } from './blocking.ts';
import { comparisons } from './comparisons.ts';
import { blockedOn, defaultRounds, notEstimated } from './train-rounds.ts';

describe('blockedOn', () => {
  it('knows what every blocking rule blocks on, so a new rule cannot train unnoticed', () => {
    for (const rule of blockingRules) expect(blockedOn(rule.name), rule.name).toBeDefined();
  });

  it('holds the identifier of an identifier round, and nothing for an unknown rule', () => {
    expect(blockedOn('identifier:email')).toEqual(['email']);
    expect(blockedOn('identifier:phone')).toEqual(['phone']);
    expect(blockedOn('identifier:loyalty_number')).toEqual(['strong_id']);
    expect(blockedOn('shoe-size')).toBeUndefined();
  });
});

describe('defaultRounds', () => {
  it('estimate every comparison in at least one round', () => {
    expect(notEstimated(defaultRounds, comparisons.map((c) => c.name))).toEqual([]);
    expect(notEstimated(['given+family'], comparisons.map((c) => c.name))).toEqual(['given_name', 'family_name']);
  });
});
