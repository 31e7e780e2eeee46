import { describe, expect, it } from 'vitest';
import { defaultModel } from './default-model.ts';
import type { Model } from './model.ts';
import { PatternTallier, type PatternTally } from './train-data.ts';
import { averageM, emRound, levelsSeen, unseenFromBase, type EmRound } from './train-em.ts';

/** A two-comparison model: exact / different for each. */
const tiny = (m: [number, number], u: [number, number]): Model => {
  const base = defaultModel();
  const city = base.comparisons.find((c) => c.name === 'city')!;
  return {
    ...base,
    comparisons: [
      { name: 'city', levels: [{ ...city.levels[0]!, m: m[0], u: u[0] }, { ...city.levels[1]!, m: 1 - m[0], u: 1 - u[0] }] },
      { name: 'street', levels: [{ label: 'exact', m: m[1], u: u[1] }, { label: 'similar', m: 0.01, u: 0.01 }, { label: 'different', m: 0.99 - m[1], u: 0.99 - u[1] }] },
    ],
  };
};

const tallyOf = (rows: Array<[Array<number | null>, number]>): PatternTally => {
  const tallier = new PatternTallier();
  for (const [levels, times] of rows) tallier.add(levels, times);
  return tallier.result();
};

describe('emRound', () => {
  // 300 matches (city exact 90%, street exact 80%) and 700 non-matches (city exact 5%, street exact 2%).
  const tally = tallyOf([
    [[0, 0], 216], [[0, 2], 54], [[1, 0], 24], [[1, 2], 6],
    [[0, 0], 1], [[0, 2], 34], [[1, 0], 13], [[1, 2], 652],
  ]);
  const start = tiny([0.7, 0.6], [0.05, 0.02]);

  it('estimates m and the block’s match share, u fixed', () => {
    const round = emRound(start, tally, new Set(), 0.5, { iterations: 500, tolerance: 1e-9, pseudoCount: 0 });
    expect(round.converged).toBe(true);
    expect(round.matchShare).toBeCloseTo(0.3, 1);
    expect(round.m[0]![0]).toBeCloseTo(0.9, 1);
    expect(round.m[1]![0]).toBeCloseTo(0.8, 1);
  });

  it('leaves a comparison the rule blocks on out: it neither scores the pairs nor gets an m', () => {
    const round = emRound(start, tally, new Set([1]), 0.5, { iterations: 500, tolerance: 1e-9 });
    expect(round.m[1]).toBeNull();
    const alone = emRound({ ...start, comparisons: [start.comparisons[0]!, { ...start.comparisons[1]!, levels: start.comparisons[1]!.levels.map((l) => ({ ...l, m: 0.3, u: 0.3 })) }] }, tally, new Set([1]), 0.5, { iterations: 500, tolerance: 1e-9 });
    expect(alone.m[0]).toEqual(round.m[0]);
  });

  it('stops after the given number of iterations, unconverged', () => {
    const round = emRound(start, tally, new Set(), 0.5, { iterations: 1, tolerance: 0 });
    expect([round.iterations, round.converged]).toEqual([1, false]);
  });

  it('gives no m for a comparison no pair has a value for', () => {
    expect(emRound(start, tallyOf([[[0, null], 5], [[1, null], 5]]), new Set(), 0.5, { iterations: 50, tolerance: 1e-6 }).m[1]).toBeNull();
  });
});

describe('averageM', () => {
  it('averages each comparison over the rounds that estimated it, else keeps the model’s m', () => {
    const model = tiny([0.7, 0.6], [0.05, 0.02]);
    const rounds: EmRound[] = [
      { iterations: 1, converged: true, matchShare: 0.5, m: [[0.8, 0.2], null] },
      { iterations: 1, converged: true, matchShare: 0.5, m: [[0.9, 0.1], null] },
    ];
    const m = averageM(model, rounds);
    expect(m[0]![0]).toBeCloseTo(0.85, 12);
    expect(m[0]![1]).toBeCloseTo(0.15, 12);
    expect(m[1]).toEqual([0.6, 0.01, 0.39]);
  });
});

describe('unseenFromBase', () => {
  it('keeps the starting m and u of a level no pair showed, the other levels sharing the rest', () => {
    const base = tiny([0.7, 0.6], [0.05, 0.02]);
    const trained = tiny([0.9, 0.5], [0.1, 0.001]);
    const seen = levelsSeen([2, 3], [tallyOf([[[0, 0], 3], [[1, 2], 4]])]);
    expect(seen).toEqual([[true, true], [true, false, true]]);
    const { model, unseen } = unseenFromBase(trained, base, seen);
    expect(unseen).toEqual([[1, 1]]);
    expect(model.comparisons[0]).toEqual(trained.comparisons[0]);
    const street = model.comparisons[1]!.levels;
    expect([street[1]!.m, street[1]!.u]).toEqual([0.01, 0.01]);
    expect(street.reduce((s, l) => s + l.m, 0)).toBeCloseTo(1, 12);
    expect(street.reduce((s, l) => s + l.u, 0)).toBeCloseTo(1, 12);
    expect(street[0]!.m / street[2]!.m).toBeCloseTo(0.5 / 0.49, 12);
  });
});
