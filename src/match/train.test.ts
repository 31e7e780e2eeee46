import { describe, expect, it } from 'vitest';
import { defaultModel } from './default-model.ts';
import { loadModel, type Model } from './model.ts';
import { profileWith as p } from './test-profile.ts';
import { estimateM, estimateMFromLevels, estimateU, levelsOf, summary, type LevelVector } from './train.ts';

const trainedAt = new Date('2026-11-22T10:00:00Z');

/** Small seeded generator (mulberry32), so the synthetic data is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function draw(distribution: number[], next: () => number): number {
  let r = next();
  for (let k = 0; k < distribution.length; k++) {
    r -= distribution[k]!;
    if (r < 0) return k;
  }
  return distribution.length - 1;
}

/** Level vectors drawn from a known model: a match with its prior, then each level from m or u. */
function synthesize(model: Model, count: number, missingRate: number, seed: number): LevelVector[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const match = next() < model.prior.matchProbability;
    return model.comparisons.map((c) =>
      next() < missingRate ? null : draw(c.levels.map((l) => (match ? l.m : l.u)), next),
    );
  });
}

/** The default model with m moved a fifth of the way towards uniform and a 20% prior. */
function knownModel(): Model {
  const model = structuredClone(defaultModel());
  for (const comparison of model.comparisons) {
    const k = comparison.levels.length;
    for (const level of comparison.levels) level.m = 0.8 * level.m + 0.2 / k;
  }
  model.prior.matchProbability = 0.2;
  return model;
}

describe('estimateMFromLevels', () => {
  it('recovers the m probabilities and prior of the model that generated the pairs', () => {
    const truth = knownModel();
    const rows = synthesize(truth, 100_000, 0.15, 7);
    const trained = estimateMFromLevels(defaultModel(), rows, { iterations: 200, tolerance: 1e-7, trainedAt });
    expect(trained.prior.matchProbability).toBeCloseTo(0.2, 2);
    truth.comparisons.forEach((comparison, c) => {
      comparison.levels.forEach((level, k) => {
        expect(Math.abs(trained.comparisons[c]!.levels[k]!.m - level.m), `${comparison.name} ${level.label}`).toBeLessThan(0.015);
        expect(trained.comparisons[c]!.levels[k]!.u).toBe(defaultModel().comparisons[c]!.levels[k]!.u);
      });
    });
    expect(trained.notes).toMatch(/converged/);
    expect(() => loadModel(trained)).not.toThrow();
  });

  it('is deterministic and names the result trained-<date>-<hash>', () => {
    const rows = synthesize(knownModel(), 2_000, 0.1, 11);
    const options = { iterations: 20, tolerance: 1e-6, trainedAt };
    const first = estimateMFromLevels(defaultModel(), rows, options);
    expect(first.version).toMatch(/^trained-2026-11-22-[0-9a-f]{8}$/);
    expect(first.trainedAt).toBe('2026-11-22T10:00:00.000Z');
    expect(estimateMFromLevels(defaultModel(), rows, options)).toEqual(first);
    expect(estimateMFromLevels(defaultModel(), rows.slice(1), options).version).not.toBe(first.version);
  });

  it('stops after the given number of iterations', () => {
    const rows = synthesize(knownModel(), 1_000, 0.1, 3);
    expect(estimateMFromLevels(defaultModel(), rows, { iterations: 1, tolerance: 0, trainedAt }).notes).toMatch(/1 iterations, not converged/);
  });
});

describe('estimateM', () => {
  it('trains on profile pairs through their levels', () => {
    const ann = p({ given: ['ann'], family: ['lee'], dob: '1980-02-03' });
    const bob = p({ given: ['bob'], family: ['ray'], dob: '1971-09-30' });
    const pairs = [[ann, ann], [ann, bob], [bob, bob]] as const;
    const options = { iterations: 10, tolerance: 1e-6, trainedAt };
    const rows = pairs.map(([a, b]) => levelsOf(defaultModel(), a, b));
    expect(rows[1]!.slice(0, 3)).toEqual([6, 4, 3]);
    expect(estimateM(defaultModel(), pairs, options)).toEqual(estimateMFromLevels(defaultModel(), rows, options));
  });
});

describe('estimateU', () => {
  it('takes u as Laplace-smoothed level shares among random pairs with a value', () => {
    const leeds = p({ cities: ['leeds'] });
    const york = p({ cities: ['york'] });
    const trained = estimateU(defaultModel(), [[leeds, leeds], [leeds, york], [york, leeds], [p({}), york]], { trainedAt });
    const city = trained.comparisons.find((c) => c.name === 'city')!;
    // exact: (1 + 1) / (3 + 2); different: (2 + 1) / (3 + 2)
    expect(city.levels.map((l) => l.u)).toEqual([0.4, 0.6]);
    expect(city.levels.map((l) => l.m)).toEqual([0.8, 0.2]);
    expect(trained.comparisons.find((c) => c.name === 'email')).toEqual(defaultModel().comparisons.find((c) => c.name === 'email'));
    expect(trained.version).toMatch(/^trained-2026-11-22-/);
    expect(trained.notes).toMatch(/4 random pairs/);
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
