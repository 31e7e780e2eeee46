import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.ts';
import { defaultModel } from './default-model.ts';
import { defaultMatchRules } from './match-rules.ts';
import { loadModel, type Model } from './model.ts';
import { PatternTallier, type LevelVector, type TrainingData } from './train-data.ts';
import { blockedOn, defaultRounds } from './train-rounds.ts';
import { recordsForPairs, seededRandom } from './train-sample.ts';
import { summary, trainingText } from './train-text.ts';
import { trainModel } from './train.ts';

const trainedAt = new Date('2026-11-22T10:00:00Z');

function draw(distribution: readonly number[], next: () => number): number {
  let r = next();
  for (let k = 0; k < distribution.length; k++) {
    r -= distribution[k]!;
    if (r < 0) return k;
  }
  return distribution.length - 1;
}

/**
 * The known model: the default's m moved a fifth of the way towards uniform and its u a
 * tenth, so that every level turns up often enough to be measured, and a prior of 1e-4.
 */
function knownModel(): Model {
  const model = structuredClone(defaultModel());
  for (const comparison of model.comparisons) {
    const k = comparison.levels.length;
    for (const level of comparison.levels) {
      level.m = 0.8 * level.m + 0.2 / k;
      level.u = 0.9 * level.u + 0.1 / k;
    }
  }
  model.prior.matchProbability = 1e-4;
  return model;
}

const RECORDS = 200_000;
const RULE_RECALL = 0.6;
const MISSING = 0.15;
/** The share of matches in each rule's block: anything, EM estimates it per round. */
const BLOCK_SHARE: Record<string, number> = { 'given+family': 0.4, 'street+postcode': 0.25, 'birth-date+family-initial': 0.6 };

/**
 * Training data drawn from a known model: each pair a match with the model's prior (or,
 * within a block, the block's share), then each level from m or u, 15% missing. A rule's
 * block holds pairs agreeing exactly on what it blocks on; with the comparisons
 * independent given match status, the others keep their m and u there.
 */
function dataFrom(truth: Model): TrainingData {
  const names = truth.comparisons.map((c) => c.name);
  const pairOf = (match: boolean, next: () => number, fixed: ReadonlySet<string>): LevelVector =>
    truth.comparisons.map((c) => (fixed.has(c.name) ? 0 : next() < MISSING ? null : draw(c.levels.map((l) => (match ? l.m : l.u)), next)));
  const tally = (pairs: number, share: number, seed: number, fixed: ReadonlySet<string>) => {
    const next = seededRandom(seed);
    const tallier = new PatternTallier();
    for (let i = 0; i < pairs; i++) tallier.add(pairOf(next() < share, next, fixed));
    return tallier.result();
  };
  return {
    records: async () => RECORDS,
    pairsSharing: async () => Math.round(truth.prior.matchProbability * ((RECORDS * (RECORDS - 1)) / 2) * RULE_RECALL),
    randomPairs: async (pairs, seed) => ({ ...tally(pairs, truth.prior.matchProbability, seed, new Set()), records: recordsForPairs(pairs) }),
    blockedPairs: async (rule, max, seed) => tally(max, BLOCK_SHARE[rule] ?? 0.3, seed, new Set(blockedOn(rule)!.filter((n) => names.includes(n)))),
  };
}

const options = { randomPairs: 1_000_000, recall: RULE_RECALL, maxPairsPerRound: 50_000, trainedAt };

describe('trainModel on pairs drawn from a known model', async () => {
  const truth = knownModel();
  const outcome = await trainModel(dataFrom(truth), defaultModel(), defaultMatchRules(), options);
  const model = outcome.status === 'accepted' ? outcome.model : outcome.candidate;

  it('accepts the model: it passes every check', () => {
    expect(outcome.status === 'rejected' ? outcome.failures : []).toEqual([]);
    expect(() => loadModel(model)).not.toThrow();
  });

  it('recovers every u within 0.002 (street and city, taken given the postcode from fewer pairs, within 0.01)', () => {
    truth.comparisons.forEach((comparison, c) => {
      const tolerance = comparison.name === 'street' || comparison.name === 'city' ? 0.01 : 0.002;
      comparison.levels.forEach((level, k) => {
        expect(Math.abs(model.comparisons[c]!.levels[k]!.u - level.u), `${comparison.name} ${level.label} u`).toBeLessThan(tolerance);
      });
    });
  });

  it('recovers every m within 0.02 by EM in rounds, each comparison from the rounds that do not block on it', () => {
    truth.comparisons.forEach((comparison, c) => {
      comparison.levels.forEach((level, k) => {
        expect(Math.abs(model.comparisons[c]!.levels[k]!.m - level.m), `${comparison.name} ${level.label} m`).toBeLessThan(0.02);
      });
    });
    expect(outcome.report.rounds.map((r) => [r.rule, r.converged, r.skipped])).toEqual(defaultRounds.map((rule) => [rule, true, false]));
    expect(outcome.report.notEstimated).toEqual([]);
  });

  it('takes the prior from the deterministic rules and their stated recall, not from EM', () => {
    expect(model.prior.matchProbability / truth.prior.matchProbability).toBeCloseTo(1, 3);
    for (const round of outcome.report.rounds) expect(round.matchShare).toBeCloseTo(BLOCK_SHARE[round.rule]!, 1);
  });

  it('names the result trained-<date>-<hash>, gives the same model for the same data, and says what it did', async () => {
    expect(model.version).toMatch(/^trained-2026-11-22-[0-9a-f]{8}$/);
    expect(model.trainedAt).toBe('2026-11-22T10:00:00.000Z');
    const small = { ...options, randomPairs: 50_000, maxPairsPerRound: 5_000 };
    const [first, second] = [await trainModel(dataFrom(truth), defaultModel(), defaultMatchRules(), small), await trainModel(dataFrom(truth), defaultModel(), defaultMatchRules(), small)];
    expect(second).toEqual(first);
    expect(model.notes).toMatch(/u from 1000000 random pairs \(every pair of 1415 sampled records\)/);
    expect(model.notes).toMatch(/Prior 1\.000e-4 = \(\d+ pairs the deterministic rules match \/ recall 0\.6\)/);
    expect(trainingText(outcome.report)).toMatch(/given\+family: 50000 pairs, given_name, family_name held fixed; \d+ iterations, converged/);
  });
});

describe('trainModel refuses', () => {
  it('a model whose checks fail, saying which and why', async () => {
    const data = { ...dataFrom(knownModel()), pairsSharing: async () => 0 };
    const outcome = await trainModel(data, defaultModel(), defaultMatchRules(), { ...options, randomPairs: 20_000, maxPairsPerRound: 2_000 });
    expect(outcome.status).toBe('rejected');
    if (outcome.status !== 'rejected') return;
    expect(outcome.failures.map((f) => f.check)).toContain('prior-in-bounds');
    expect(outcome.failures.find((f) => f.check === 'prior-in-bounds')!.message).toMatch(/no two records share an identifier/);
  });

  it('options it cannot train with, before reading any data', async () => {
    const data = dataFrom(knownModel());
    await expect(trainModel(data, defaultModel(), [], { recall: 0 })).rejects.toThrow(DomainError);
    await expect(trainModel(data, defaultModel(), [], { rounds: ['given+family', 'shoe-size'] })).rejects.toThrow(/'shoe-size' is no blocking rule/);
    await expect(trainModel(data, defaultModel(), [], { rounds: [] })).rejects.toThrow(/at least one training round/);
  });
});

describe('summary', () => {
  it('lists the prior and every level with m, u, weight and factor', () => {
    const lines = summary(defaultModel()).split('\n');
    expect(lines[0]).toBe('model default-3 (trained 2026-11-22T00:00:00.000Z)');
    expect(lines[1]).toMatch(/^comparison\s+level\s+m\s+u\s+weight\s+factor$/);
    expect(lines.find((line) => line.startsWith('(prior)'))).toMatch(/-13\.29\s+1\/9999$/);
    expect(lines.find((line) => /^email\s+exact\s/.test(line))).toMatch(/0\.6000\s+1\.00e-6\s+19\.19\s+600000$/);
    expect(lines).toHaveLength(3 + defaultModel().comparisons.reduce((n, c) => n + c.levels.length, 0));
  });
});
