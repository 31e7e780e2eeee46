import type { MatchRule } from './match-rules.ts';

/**
 * The prior, the probability that two records drawn at random are the same person, from
 * the deterministic rules (after splink's estimate_probability_two_random_records_match):
 * the pairs sharing an identifier a rule links on are taken as a known share (`recall`) of
 * all matching pairs, over every pair of records. EM over blocked pairs cannot learn it:
 * blocking chose those pairs because they look alike.
 */

export type PriorEstimate = {
  /** (pairs the rules match / recall) / all pairs; 0 when the rules match no pair. */
  matchProbability: number;
  rulePairs: number;
  recall: number;
  records: number;
  allPairs: number;
  /** Bounds the data allow: at least the pairs the rules found, at most the ceiling. */
  lower: number;
  upper: number;
};

/**
 * @example estimatePrior({ rulePairs: 1215, recall: 0.8, records: 3229, ceiling: 0.05 }).matchProbability // ≈ 2.9e-4
 */
export function estimatePrior(input: { rulePairs: number; recall: number; records: number; ceiling: number }): PriorEstimate {
  const { rulePairs, recall, records, ceiling } = input;
  const allPairs = (records * (records - 1)) / 2;
  return {
    matchProbability: allPairs > 0 ? rulePairs / recall / allPairs : 0,
    rulePairs,
    recall,
    records,
    allPairs,
    lower: allPairs > 0 ? Math.max(rulePairs, 1) / allPairs : 1,
    upper: ceiling,
  };
}

/**
 * The identifier types the rules link on, each once, in order.
 * @example ruleIdentifierTypes(defaultMatchRules()) // ['email', 'national_id', 'tax_id', ...]
 */
export const ruleIdentifierTypes = (rules: readonly MatchRule[]): string[] => [...new Set(rules.flatMap((rule) => rule.identifierTypes))];
