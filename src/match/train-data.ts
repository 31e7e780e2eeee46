import { levelOf } from './comparisons.ts';
import type { MatchProfile } from './profile.ts';
import { recordsForPairs } from './train-sample.ts';

/**
 * What training reads, at two layers. A `RecordStore` gives records as profiles (the graph
 * in train.service.ts, memory in train-memory.ts); `trainingDataOf` reduces them to what
 * the estimates need: the level patterns of random pairs and of blocked pairs.
 * Training itself (train.ts) sees only `TrainingData`, so it can be fed pairs drawn from
 * a known model.
 */

/** A pair's level in each of a model's comparisons, in the model's order; null = missing. */
export type LevelVector = Array<number | null>;
export type Pair = readonly [MatchProfile, MatchProfile];

/** Pairs reduced to their distinct level vectors, each with how many pairs have it. */
export type PatternTally = { pairs: number; patterns: Array<{ levels: LevelVector; count: number }> };
/** Random pairs: all pairs among `records` sampled records. */
export type RandomTally = PatternTally & { records: number };

export type TrainingData = {
  /** How many records there are. */
  records(): Promise<number>;
  /** Distinct record pairs sharing a non-hub value of one of these identifier types. */
  pairsSharing(identifierTypes: readonly string[]): Promise<number>;
  /** Level patterns of about `pairs` random record pairs (all pairs of a seeded record sample). */
  randomPairs(pairs: number, seed: number): Promise<RandomTally>;
  /** Level patterns of up to `max` pairs one blocking rule finds (a seeded sample when it finds more). */
  blockedPairs(rule: string, max: number, seed: number): Promise<PatternTally>;
};

export type RecordStore = {
  count(): Promise<number>;
  /** `n` distinct records drawn at random (all of them when there are fewer), the same for the same seed and data. */
  sample(n: number, seed: number): Promise<MatchProfile[]>;
  pairsSharing(identifierTypes: readonly string[]): Promise<number>;
  /** Up to `max` distinct pairs a blocking rule (or `identifier:TYPE`) finds through non-hub keys, in batches. */
  blockedPairs(rule: string, max: number, seed: number): AsyncIterable<Pair[]>;
};

/**
 * Training data over a record store, levels in the order of `comparisonNames`. Random
 * pairs are every pair within a sample of n records, n(n−1)/2 ≥ the pairs asked for, so
 * only the sample is ever held; every pair is reduced to its pattern as it is compared.
 * @example const data = trainingDataOf(store, model.comparisons.map((c) => c.name)); await data.randomPairs(1_000_000, 1)
 */
export function trainingDataOf(store: RecordStore, comparisonNames: readonly string[]): TrainingData {
  const levelsOf = (a: MatchProfile, b: MatchProfile): LevelVector => comparisonNames.map((name) => levelOf(name, a, b));
  return {
    records: () => store.count(),
    pairsSharing: (types) => store.pairsSharing(types),
    randomPairs: async (pairs, seed) => {
      const records = await store.count();
      const sample = await store.sample(Math.min(recordsForPairs(pairs), records), seed);
      const tally = new PatternTallier();
      for (let i = 0; i < sample.length; i++) {
        for (let j = i + 1; j < sample.length; j++) tally.add(levelsOf(sample[i]!, sample[j]!));
      }
      return { ...tally.result(), records: sample.length };
    },
    blockedPairs: async (rule, max, seed) => {
      const patterns = new PatternTallier();
      for await (const batch of store.blockedPairs(rule, max, seed)) for (const [a, b] of batch) patterns.add(levelsOf(a, b));
      return patterns.result();
    },
  };
}

/** Groups level vectors into distinct patterns with counts. */
export class PatternTallier {
  private readonly byKey = new Map<string, { levels: LevelVector; count: number }>();
  private pairs = 0;

  add(levels: LevelVector, times = 1): void {
    this.pairs += times;
    const key = levels.join(',');
    const known = this.byKey.get(key);
    if (known) known.count += times;
    else this.byKey.set(key, { levels: [...levels], count: times });
  }

  result(): PatternTally {
    const patterns = [...this.byKey.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, p]) => ({ ...p }));
    return { pairs: this.pairs, patterns };
  }
}
