import { comparisonNamed, matchLevel } from './comparisons.ts';
import { decide, levelWeight, priorWeight, probabilityOf, type Decision, type Model, type ModelComparison } from './model.ts';
import type { MatchProfile } from './profile.ts';
import type { TermFrequencies } from './term-frequencies.ts';

/** One comparison's contribution to a pair's score; level null means one side is missing. */
export type ScoredComparison = {
  name: string;
  level: number | null;
  label: string;
  weight: number;
  tfAdjusted: boolean;
};

export type ScoredPair = {
  /** The model that scored the pair, to be named in the link it makes. */
  modelVersion: string;
  /** log2 odds of a match: the prior's weight plus every comparison's. */
  score: number;
  probability: number;
  decision: Decision;
  comparisons: ScoredComparison[];
};

/** Label of a comparison's missing level. */
export const MISSING = 'missing';

/**
 * Scores a pair of profiles with a model (Fellegi–Sunter, splink style): the prior's log2
 * odds plus log2(m/u) of each comparison's level; a missing value weighs 0. On an exact
 * term-frequency level u is replaced by max(frequency of the agreeing value, tf.minimumU),
 * the rarest agreeing value when several agree, so 'okonkwo' counts for more than 'smith'.
 * @example scorePair(defaultModel(), a, b, termFrequencies(profiles)).probability // 0.9993
 */
export function scorePair(model: Model, a: MatchProfile, b: MatchProfile, tf?: TermFrequencies): ScoredPair {
  const scored = model.comparisons.map((comparison) => scoreComparison(model, comparison, a, b, tf));
  const score = scored.reduce((total, comparison) => total + comparison.weight, priorWeight(model.prior.matchProbability));
  const probability = probabilityOf(score);
  return { modelVersion: model.version, score, probability, decision: decide(model, probability), comparisons: scored };
}

function scoreComparison(
  model: Model,
  comparison: ModelComparison,
  a: MatchProfile,
  b: MatchProfile,
  tf: TermFrequencies | undefined,
): ScoredComparison {
  const match = matchLevel(comparison.name, a, b);
  if (match === null) return { name: comparison.name, level: null, label: MISSING, weight: 0, tfAdjusted: false };
  const level = comparison.levels[match.level];
  if (level === undefined) throw new Error(`model '${model.version}' lacks level ${match.level} of '${comparison.name}'`);
  const usesTf = comparisonNamed(comparison.name)?.levels[match.level]?.tf === true;
  const frequency = usesTf && tf !== undefined ? rarest(tf, comparison.name, match.values) : undefined;
  const u = frequency === undefined ? level.u : Math.max(frequency, model.tf.minimumU);
  return {
    name: comparison.name,
    level: match.level,
    label: level.label,
    weight: levelWeight(level.m, u),
    tfAdjusted: frequency !== undefined,
  };
}

function rarest(tf: TermFrequencies, comparison: string, values: string[]): number | undefined {
  const known = values.map((value) => tf.get(comparison, value)).filter((f): f is number => f !== undefined);
  return known.length === 0 ? undefined : Math.min(...known);
}
