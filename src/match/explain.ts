import { DomainError } from '../errors/domain-error.ts';
import { comparisonNamed } from './comparisons.ts';
import { levelWeight, priorWeight, type Model } from './model.ts';
import type { ScoredPair } from './score.ts';

export type ExplanationStep = {
  comparison: string;
  label: string;
  weight: number;
  /** 2^weight: how many times more (or, below 1, less) likely a match this evidence makes. */
  bayesFactor: number;
  sentence: string;
};

export type Explanation = {
  modelVersion: string;
  prior: { matchProbability: number; weight: number; sentence: string };
  steps: ExplanationStep[];
  probability: number;
  sentence: string;
};

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const upToTwoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

const times = (factor: number): string => (factor >= 10 ? integer : oneDecimal).format(factor);

/**
 * 'N times more/less likely to be a match' for a weight in bits.
 * @example likelihood(11) // '2,048 times more likely to be a match'
 */
export function likelihood(weight: number): string {
  if (weight === 0) return 'no evidence';
  return weight > 0
    ? `${times(2 ** weight)} times more likely to be a match`
    : `${times(2 ** -weight)} times less likely to be a match`;
}

/**
 * A probability as a percentage that never rounds to a certainty it is not.
 * @example percent(0.99991) // '99.99%'; percent(0.8) // '80%'
 */
export function percent(probability: number): string {
  const value = probability * 100;
  if (value > 99.99 && probability < 1) return '>99.99%';
  if (value < 0.01 && probability > 0) return '<0.01%';
  return `${upToTwoDecimals.format(value)}%`;
}

function priorSentence(matchProbability: number): string {
  const share =
    matchProbability < 0.5 ? `1 in ${integer.format(1 / matchProbability)} pairs from blocking is` : `${percent(matchProbability)} of pairs from blocking are`;
  return `Prior: ${share} a match (weight ${twoDecimals.format(priorWeight(matchProbability))})`;
}

function verdict(model: Model, scored: ScoredPair): string {
  const link = percent(model.thresholds.link);
  const review = percent(model.thresholds.review);
  switch (scored.decision) {
    case 'link':
      return `link (at or above ${link})`;
    case 'review':
      return `review (between ${review} and ${link})`;
    case 'no-link':
      return `no link (below ${review})`;
    default: {
      const unreachable: never = scored.decision;
      return unreachable;
    }
  }
}

/**
 * Explains a scored pair: the prior, then each comparison's level, weight and a sentence,
 * then the verdict. Throws CONFLICT when the pair was scored by another model version.
 * @example explainPair(model, scorePair(model, a, b)).steps[0]?.sentence
 * // 'Given name: exact match — 103 times more likely to be a match'
 */
export function explainPair(model: Model, scored: ScoredPair): Explanation {
  if (scored.modelVersion !== model.version) {
    throw new DomainError('CONFLICT', `pair scored by model '${scored.modelVersion}', explained with '${model.version}'`);
  }
  const steps = scored.comparisons.map((step): ExplanationStep => {
    const comparison = comparisonNamed(step.name);
    const title = comparison?.title ?? step.name;
    if (step.level === null) {
      return { comparison: step.name, label: step.label, weight: 0, bayesFactor: 1, sentence: `${title}: missing on one side — no evidence` };
    }
    let description = comparison?.levels[step.level]?.description ?? step.label;
    const level = model.comparisons.find((c) => c.name === step.name)?.levels[step.level];
    if (step.tfAdjusted && level !== undefined) {
      const usual = levelWeight(level.m, level.u);
      if (step.weight !== usual) description += step.weight > usual ? ' on a rare value' : ' on a common value';
    }
    return {
      comparison: step.name,
      label: step.label,
      weight: step.weight,
      bayesFactor: 2 ** step.weight,
      sentence: `${title}: ${description} — ${likelihood(step.weight)}`,
    };
  });
  const { matchProbability } = model.prior;
  return {
    modelVersion: model.version,
    prior: { matchProbability, weight: priorWeight(matchProbability), sentence: priorSentence(matchProbability) },
    steps,
    probability: scored.probability,
    sentence: `Overall: ${percent(scored.probability)} likely to be a match (score ${twoDecimals.format(scored.score)}) — ${verdict(model, scored)}`,
  };
}
