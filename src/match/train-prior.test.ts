import { describe, expect, it } from 'vitest';
import { defaultMatchRules } from './match-rules.ts';
import { estimatePrior, ruleIdentifierTypes } from './train-prior.ts';

describe('estimatePrior', () => {
  it('is (pairs the rules match / recall) / all pairs, with the bounds the data allow', () => {
    const prior = estimatePrior({ rulePairs: 1215, recall: 0.8, records: 3229, ceiling: 0.05 });
    expect(prior.allPairs).toBe(5_211_606);
    expect(prior.matchProbability).toBeCloseTo(1215 / 0.8 / 5_211_606, 15);
    expect(prior.lower).toBeCloseTo(1215 / 5_211_606, 15);
    expect(prior.upper).toBe(0.05);
  });

  it('is 0 when the rules match no pair, with at least one pair as its lower bound', () => {
    const prior = estimatePrior({ rulePairs: 0, recall: 0.8, records: 1000, ceiling: 0.05 });
    expect(prior.matchProbability).toBe(0);
    expect(prior.lower).toBe(1 / 499_500);
  });
});

describe('ruleIdentifierTypes', () => {
  it('lists the identifier types of the shipped rules once each', () => {
    expect(ruleIdentifierTypes(defaultMatchRules())).toEqual(['email', 'national_id', 'tax_id', 'account_number', 'customer_number', 'loyalty_number', 'user_id']);
  });
});
