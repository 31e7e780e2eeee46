import { createHash } from 'node:crypto';
import { levelOf } from './comparisons.ts';
import { levelWeight, priorWeight, probabilityOf, type Model, type ModelComparison } from './model.ts';
import type { MatchProfile } from './profile.ts';

/**
 * Training without labels (Fellegi–Sunter, as splink does it): u from random pairs, which
 * are almost all non-matches; then m and the prior by expectation–maximisation over the
 * pairs blocking finds, u held fixed. Every result is a new model with a new version;
 * the same inputs give the same model.
 */

/** A pair's level in each of a model's comparisons, in the model's order; null = missing. */
export type LevelVector = Array<number | null>;
export type Pair = readonly [MatchProfile, MatchProfile];

export type UOptions = { pseudoCount?: number; trainedAt?: Date };
export type EmOptions = { iterations: number; tolerance: number; pseudoCount?: number; trainedAt?: Date };

/**
 * The level of a pair in each of the model's comparisons.
 * @example levelsOf(model, a, b) // [0, null, 3, 0, ...]
 */
export function levelsOf(model: Model, a: MatchProfile, b: MatchProfile): LevelVector {
  return model.comparisons.map((comparison) => levelOf(comparison.name, a, b));
}

/**
 * u per level as the Laplace-smoothed share of random pairs at that level
 * ((count + α) / (pairs with a value + levels·α), α = 1 by default); m and prior kept.
 * @example const withU = estimateU(defaultModel(), sampleRandomPairs(profiles, 100_000));
 */
export function estimateU(model: Model, randomPairs: readonly Pair[], options: UOptions = {}): Model {
  const alpha = options.pseudoCount ?? 1;
  const rows = randomPairs.map(([a, b]) => levelsOf(model, a, b));
  const comparisons = model.comparisons.map((comparison, c): ModelComparison => {
    const counts = levelCounts(rows, c, comparison.levels.length, () => 1);
    const total = counts.reduce((sum, count) => sum + count, 0);
    if (total === 0) return comparison;
    const denominator = total + comparison.levels.length * alpha;
    return { ...comparison, levels: comparison.levels.map((level, k) => ({ ...level, u: ((counts[k] ?? 0) + alpha) / denominator })) };
  });
  const notes = `u from ${randomPairs.length} random pairs (pseudo-count ${alpha}), starting from '${model.version}'.`;
  return derive(model, { prior: model.prior, comparisons }, notes, options.trainedAt);
}

/**
 * m and the prior by EM over blocked pairs, u fixed. E-step: each pair's posterior match
 * probability under the current m, u and prior. M-step: m = posterior-weighted level
 * shares (smoothed by a pseudo-count, 1 by default), prior = mean posterior. Stops after
 * `iterations` or when no m or prior moves by more than `tolerance`.
 * @example estimateM(withU, blockedPairs, { iterations: 50, tolerance: 1e-6 })
 */
export function estimateM(model: Model, blockedPairs: readonly Pair[], options: EmOptions): Model {
  return estimateMFromLevels(model, blockedPairs.map(([a, b]) => levelsOf(model, a, b)), options);
}

/**
 * EM as estimateM, over pairs already reduced to their levels (see levelsOf).
 * @example estimateMFromLevels(model, [[0, 0, null], [3, 4, 1]], { iterations: 50, tolerance: 1e-6 })
 */
export function estimateMFromLevels(model: Model, rows: readonly LevelVector[], options: EmOptions): Model {
  const alpha = options.pseudoCount ?? 1;
  let lambda = model.prior.matchProbability;
  let m = model.comparisons.map((comparison) => comparison.levels.map((level) => level.m));
  const u = model.comparisons.map((comparison) => comparison.levels.map((level) => level.u));
  let iteration = 0;
  let converged = false;
  while (iteration < options.iterations && !converged && rows.length > 0) {
    iteration++;
    const current = m;
    const prior = priorWeight(lambda);
    const posteriors = rows.map((row) =>
      probabilityOf(row.reduce<number>((score, k, c) => (k === null ? score : score + levelWeight(current[c]![k]!, u[c]![k]!)), prior)),
    );
    const nextLambda = Math.min(Math.max(mean(posteriors), 1e-12), 1 - 1e-12);
    const next = current.map((levels, c) => {
      const mass = levelCounts(rows, c, levels.length, (i) => posteriors[i]!);
      const total = mass.reduce((sum, w) => sum + w, 0);
      if (total === 0) return levels;
      return mass.map((w) => (w + alpha) / (total + levels.length * alpha));
    });
    const moved = Math.max(Math.abs(nextLambda - lambda), ...next.flatMap((levels, c) => levels.map((v, k) => Math.abs(v - current[c]![k]!))));
    converged = moved < options.tolerance;
    lambda = nextLambda;
    m = next;
  }
  const comparisons = model.comparisons.map((comparison, c) => ({
    ...comparison,
    levels: comparison.levels.map((level, k) => ({ ...level, m: m[c]![k]! })),
  }));
  const notes =
    `m and prior by EM over ${rows.length} blocked pairs: ${iteration} iterations, ` +
    `${converged ? 'converged' : 'not converged'} (tolerance ${options.tolerance}), starting from '${model.version}'.`;
  return derive(model, { prior: { matchProbability: lambda }, comparisons }, notes, options.trainedAt);
}

function levelCounts(rows: readonly LevelVector[], c: number, levels: number, weightOf: (row: number) => number): number[] {
  const counts = new Array<number>(levels).fill(0);
  rows.forEach((row, i) => {
    const k = row[c];
    if (k !== null && k !== undefined) counts[k] = (counts[k] ?? 0) + weightOf(i);
  });
  return counts;
}

const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

function derive(model: Model, parameters: Pick<Model, 'prior' | 'comparisons'>, notes: string, trainedAt = new Date()): Model {
  const hash = createHash('sha256')
    .update(JSON.stringify({ base: model.version, ...parameters }))
    .digest('hex')
    .slice(0, 8);
  return {
    ...model,
    ...parameters,
    version: `trained-${trainedAt.toISOString().slice(0, 10)}-${hash}`,
    trainedAt: trainedAt.toISOString(),
    notes,
  };
}

const probabilityText = (value: number): string => (value >= 0.001 ? value.toFixed(4) : value.toExponential(2));
const factorText = (weight: number): string => {
  const factor = 2 ** Math.abs(weight);
  const text = factor >= 100 ? Math.round(factor).toString() : factor.toFixed(1);
  return weight >= 0 ? text : `1/${text}`;
};

/**
 * A model as a table: the prior, then each comparison level's m, u, weight (bits) and
 * Bayes factor.
 * @example console.log(summary(defaultModel()))
 * // comparison     level   m       u         weight  factor
 * // given_name     exact   0.8000  0.0080      6.64  100
 */
export function summary(model: Model): string {
  const rows: string[][] = [['comparison', 'level', 'm', 'u', 'weight', 'factor']];
  const prior = priorWeight(model.prior.matchProbability);
  rows.push(['(prior)', 'match probability', probabilityText(model.prior.matchProbability), '', prior.toFixed(2), factorText(prior)]);
  for (const comparison of model.comparisons) {
    for (const level of comparison.levels) {
      const weight = levelWeight(level.m, level.u);
      rows.push([comparison.name, level.label, probabilityText(level.m), probabilityText(level.u), weight.toFixed(2), factorText(weight)]);
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const numeric = new Set([4]);
  const lines = rows.map((row) =>
    row.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd(),
  );
  return [`model ${model.version} (trained ${model.trainedAt})`, ...lines].join('\n');
}
