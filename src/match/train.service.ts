import { int, type GraphExecutor } from '../graph/executor.ts';
import type { Model } from './model.ts';
import type { MatchProfile } from './profile.ts';
import type { ResolutionService } from './resolution.service.ts';
import { ALL_RECORD_KEYS, BLOCKED_PAIRS, PROFILE_ROWS } from './train.cypher.ts';
import { estimateM, estimateU, type Pair } from './train.ts';

export type TrainOptions = { randomPairs?: number; maxBlockedPairs?: number; iterations?: number; tolerance?: number; seed?: number };
export type TrainReport = { model: Model; records: number; randomPairs: number; blockedPairs: number };

/**
 * Trains a model on the deployment's own records, without labels: u from random pairs
 * (almost all non-matches), then m and the prior by expectation-maximisation over the
 * pairs blocking finds. Sampling is seeded, so the same data gives the same model.
 */
export class TrainService {
  private readonly executor: GraphExecutor;
  private readonly resolution: ResolutionService;

  constructor(executor: GraphExecutor, resolution: ResolutionService) {
    this.executor = executor;
    this.resolution = resolution;
  }

  async train(options: TrainOptions = {}): Promise<TrainReport> {
    const { model, hubDegree } = this.resolution.current;
    const random = seeded(options.seed ?? 1);
    const keys = (await this.executor.readRows<{ key: string }>(ALL_RECORD_KEYS)).map((r) => r.key);
    const randomKeyPairs: Array<[string, string]> = [];
    for (let i = 0; keys.length > 1 && i < (options.randomPairs ?? 20_000); i++) {
      const a = keys[Math.floor(random() * keys.length)]!;
      const b = keys[Math.floor(random() * keys.length)]!;
      if (a !== b) randomKeyPairs.push([a, b]);
    }
    const blockedKeyPairs = (
      await this.executor.readRows<{ a: string; b: string }>(BLOCKED_PAIRS, { hub: int(hubDegree), max: int(options.maxBlockedPairs ?? 200_000) })
    ).map((r) => [r.a, r.b] as [string, string]);

    const profiles = await this.profiles([...randomKeyPairs, ...blockedKeyPairs].flat());
    const toPairs = (pairs: Array<[string, string]>): Pair[] => pairs.map(([a, b]) => [profiles.get(a)!, profiles.get(b)!] as const);
    const withU = estimateU(model, toPairs(randomKeyPairs));
    const trained = estimateM(withU, toPairs(blockedKeyPairs), { iterations: options.iterations ?? 40, tolerance: options.tolerance ?? 1e-5 });
    return { model: trained, records: keys.length, randomPairs: randomKeyPairs.length, blockedPairs: blockedKeyPairs.length };
  }

  private async profiles(keys: readonly string[]): Promise<Map<string, MatchProfile>> {
    const unique = [...new Set(keys)];
    const profiles = new Map<string, MatchProfile>();
    for (let i = 0; i < unique.length; i += 2000) {
      const rows = await this.executor.readRows<{ key: string; attrs: string; ids: string[] }>(PROFILE_ROWS, { keys: unique.slice(i, i + 2000) });
      for (const row of rows) profiles.set(row.key, this.resolution.profileOfStored(row.attrs, row.ids));
    }
    return profiles;
  }
}

/** A small seeded generator (mulberry32): training samples the same pairs from the same data. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
