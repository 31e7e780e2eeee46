import { levelWeight, priorWeight, probabilityOf, type Model } from './model.ts';
import type { PatternTally } from './train-data.ts';

/**
 * m by expectation–maximisation over the pairs of one blocking rule, u held fixed (after
 * splink's estimate_parameters_using_expectation_maximisation). Within a rule's pairs the
 * comparisons it blocks on agree far more often than among random pairs, so they are
 * left out of the round: they do not score the pairs and their m is not re-estimated
 * (splink deactivates them the same way). The round's own match share is a nuisance
 * parameter of that block, never the model's prior.
 */

export type EmOptions = { iterations: number; tolerance: number; pseudoCount?: number };

export type EmRound = {
  iterations: number;
  converged: boolean;
  /** Share of the round's pairs that EM took for matches. */
  matchShare: number;
  /** m per comparison and level, null for a comparison left out or with no value in any pair. */
  m: Array<number[] | null>;
};

/**
 * One EM round. E-step: each pattern's match probability from the round's match share and
 * the active comparisons' log2(m/u). M-step: m = posterior-weighted level shares, smoothed
 * by a pseudo-count (1 by default); share = mean posterior. Stops after `iterations` or
 * when no m and not the share moves by more than `tolerance`.
 * @example emRound(model, tally, new Set([0, 1]), 0.5, { iterations: 100, tolerance: 1e-5 }).m[2] // dob's m
 */
export function emRound(model: Model, tally: PatternTally, fixed: ReadonlySet<number>, startShare: number, options: EmOptions): EmRound {
  const alpha = options.pseudoCount ?? 1;
  const u = model.comparisons.map((comparison) => comparison.levels.map((level) => level.u));
  const active = model.comparisons.map((_, c) => !fixed.has(c));
  const { patterns } = tally;
  let m = model.comparisons.map((comparison) => comparison.levels.map((level) => level.m));
  let share = startShare;
  let iteration = 0;
  let converged = false;
  let seen: boolean[] = active.map(() => false);
  while (iteration < options.iterations && !converged && patterns.length > 0) {
    iteration++;
    const current = m;
    const prior = priorWeight(share);
    const posteriors = patterns.map(({ levels }) =>
      probabilityOf(levels.reduce<number>((score, k, c) => (k === null || !active[c] ? score : score + levelWeight(current[c]![k]!, u[c]![k]!)), prior)),
    );
    let matched = 0;
    let total = 0;
    const mass = current.map((levels) => levels.map(() => 0));
    patterns.forEach(({ levels, count }, p) => {
      const weight = posteriors[p]! * count;
      matched += weight;
      total += count;
      levels.forEach((k, c) => {
        if (k !== null && active[c]) mass[c]![k]! += weight;
      });
    });
    seen = mass.map((levels) => levels.some((w) => w > 0));
    const next = current.map((levels, c) => {
      if (!active[c] || !seen[c]) return levels;
      const sum = mass[c]!.reduce((s, w) => s + w, 0);
      return mass[c]!.map((w) => (w + alpha) / (sum + levels.length * alpha));
    });
    const nextShare = Math.min(Math.max(matched / total, 1e-9), 1 - 1e-9);
    const moved = Math.max(Math.abs(nextShare - share), ...next.flatMap((levels, c) => levels.map((v, k) => Math.abs(v - current[c]![k]!))));
    converged = moved < options.tolerance;
    share = nextShare;
    m = next;
  }
  return { iterations: iteration, converged, matchShare: share, m: m.map((levels, c) => (active[c] && seen[c] ? levels : null)) };
}

/**
 * Levels no pair showed, random or blocked ('no identifier of a common type' where every
 * record carries only loyalty cards, 'same identifier' where no two records share one):
 * smoothing alone would give them a tiny u and whatever m, so a weight no data supports.
 * They keep the starting model's m and u; the comparison's other levels share the rest of
 * each distribution in the proportions estimated.
 * @example unseenFromBase(trained, base, [[true, true, false]]).comparisons[0].levels[2] // base's m and u
 */
export function unseenFromBase(trained: Model, base: Model, seen: boolean[][]): { model: Model; unseen: Array<[number, number]> } {
  const unseen: Array<[number, number]> = [];
  const comparisons = trained.comparisons.map((comparison, c) => {
    const flags = comparison.levels.map((_, k) => seen[c]?.[k] !== true);
    if (!flags.some(Boolean) || flags.every(Boolean)) return comparison;
    const start = base.comparisons[c]!.levels;
    const rescale = (key: 'm' | 'u') => {
      const kept = start.reduce((sum, level, k) => (flags[k] ? sum + level[key] : sum), 0);
      const rest = comparison.levels.reduce((sum, level, k) => (flags[k] ? sum : sum + level[key]), 0);
      return (k: number) => (flags[k] ? start[k]![key] : (comparison.levels[k]![key] * (1 - kept)) / rest);
    };
    const [m, u] = [rescale('m'), rescale('u')];
    flags.forEach((flag, k) => flag && unseen.push([c, k]));
    return { ...comparison, levels: comparison.levels.map((level, k) => ({ ...level, m: m(k), u: u(k) })) };
  });
  return { model: { ...trained, comparisons }, unseen };
}

/**
 * Which levels of each comparison some pair of the tallies showed.
 * @example levelsSeen([[2, 3]], [tally]) // [[true, false]] when every pair is at level 0
 */
export function levelsSeen(levelCounts: readonly number[], tallies: readonly PatternTally[]): boolean[][] {
  const seen = levelCounts.map((n) => new Array<boolean>(n).fill(false));
  for (const tally of tallies) {
    for (const { levels } of tally.patterns) {
      levels.forEach((k, c) => {
        if (k !== null && seen[c] !== undefined) seen[c]![k] = true;
      });
    }
  }
  return seen;
}

/**
 * Each comparison's m as the mean of its estimates over the rounds that estimated it
 * (splink averages across training sessions the same way); a comparison no round
 * estimated keeps the model's m.
 * @example averageM(model, [roundOnNames, roundOnAddress])[0] // given_name's m, from the address round alone
 */
export function averageM(model: Model, rounds: readonly EmRound[]): number[][] {
  return model.comparisons.map((comparison, c) => {
    const estimates = rounds.map((round) => round.m[c]).filter((m): m is number[] => m !== null && m !== undefined);
    if (estimates.length === 0) return comparison.levels.map((level) => level.m);
    return comparison.levels.map((_, k) => estimates.reduce((sum, m) => sum + m[k]!, 0) / estimates.length);
  });
}
