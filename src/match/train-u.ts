import type { Model, ModelComparison } from './model.ts';
import type { LevelVector, PatternTally } from './train-data.ts';

/**
 * u, the chance of each level among non-matches, from random pairs (after splink's
 * estimate_u_using_random_sampling): almost every random pair is two different people.
 *
 * Street and city are all but implied by the postcode, and Fellegi–Sunter adds weights as
 * if comparisons were independent: with u from all random pairs, one shared address would
 * count three times and link strangers living together. Their u is therefore taken among
 * random pairs with the same postcode whose given and family names both differ (almost
 * surely two people), so a street or city adds only what it tells beyond the postcode.
 * This is what models/default-model.json sets by hand.
 */

/** Comparisons whose u is taken among random pairs that agree exactly on another. */
export const uGivenAgreement: Readonly<Record<string, string>> = { street: 'postcode', city: 'postcode' };
/** Comparisons that must both differ for a random pair to count towards a conditional u. */
const APART = ['given_name', 'family_name'];
const DIFFERENT = 'different';

export type UOptions = {
  pseudoCount: number;
  /** Take the u of street and city given the postcode (default true). */
  conditional?: boolean;
  /** Fewest pairs with a value that a conditional u is estimated from; below, the model's u stays (default 100). */
  minConditionalPairs?: number;
  /** How much a pair of this pattern counts as a non-match (default 1: every random pair). */
  nonMatch?: (levels: LevelVector) => number;
};
export type ConditionalU = { comparison: string; given: string; pairs: number; estimated: boolean };

/**
 * u per level as the Laplace-smoothed share of random pairs at that level among those with
 * a value: (count + α) / (pairs with a value + levels·α); m and prior kept. A comparison no
 * random pair has a value for keeps its u.
 * @example estimateU(model, await data.randomPairs(1_000_000, 1), { pseudoCount: 1 }).model
 */
export function estimateU(model: Model, tally: PatternTally, options: UOptions): { model: Model; conditional: ConditionalU[] } {
  const alpha = options.pseudoCount;
  const index = (name: string) => model.comparisons.findIndex((c) => c.name === name);
  const different = APART.map((name) => ({ c: index(name), k: model.comparisons[index(name)]?.levels.findIndex((l) => l.label === DIFFERENT) ?? -1 }));
  const conditional: ConditionalU[] = [];
  const weights = tally.patterns.map(({ levels, count }) => count * (options.nonMatch?.(levels) ?? 1));
  const comparisons = model.comparisons.map((comparison, c): ModelComparison => {
    const given = options.conditional === false ? undefined : uGivenAgreement[comparison.name];
    const g = given === undefined ? -1 : index(given);
    const counts = comparison.levels.map(() => 0);
    tally.patterns.forEach(({ levels }, p) => {
      const k = levels[c];
      if (k === null || k === undefined) return;
      if (g >= 0 && !(levels[g] === 0 && different.every((d) => d.k >= 0 && levels[d.c] === d.k))) return;
      counts[k]! += weights[p]!;
    });
    const total = counts.reduce((sum, count) => sum + count, 0);
    if (g >= 0) {
      const estimated = total >= (options.minConditionalPairs ?? 100);
      conditional.push({ comparison: comparison.name, given: given!, pairs: Math.round(total), estimated });
      if (!estimated) return comparison;
    }
    if (total === 0) return comparison;
    const denominator = total + comparison.levels.length * alpha;
    return { ...comparison, levels: comparison.levels.map((level, k) => ({ ...level, u: ((counts[k] ?? 0) + alpha) / denominator })) };
  });
  return { model: { ...model, comparisons }, conditional };
}
