import { DomainError } from '../errors/domain-error.ts';
import { int, type GraphExecutor } from '../graph/executor.ts';
import { describeFailures } from './model-checks.ts';
import type { Model } from './model.ts';
import type { MatchProfile } from './profile.ts';
import type { ResolutionService } from './resolution.service.ts';
import { BLOCKING_KEY_PAGE, IDENTIFIER_PAGE, PAIRS_SHARING, PROFILE_ROWS, RECORD_COUNT, RECORD_KEY_PAGE } from './train.cypher.ts';
import { trainingDataOf, type Pair, type RecordStore, type TrainingData } from './train-data.ts';
import { defaultRounds } from './train-rounds.ts';
import { Reservoir, seededRandom } from './train-sample.ts';
import { trainModel, type TrainOptions, type TrainOutcome, type TrainReport } from './train.ts';

/** Told before each read of the graph training makes (the fitting between is quick); may throw to stop. */
export type TrainProgress = (step: { phase: string; done: number; of: number }) => Promise<void>;

const PAGE = 10_000;
const PROFILE_BATCH = 2_000;
const IDENTIFIER = 'identifier:';

/**
 * Trains a model on the deployment's own records, without labels (train.ts): the graph is
 * read in pages and only samples are held, so memory stays flat as records grow. Starts
 * from the model and rules in use; sampling is seeded, so the same data gives the same model.
 */
export class TrainService {
  private readonly executor: GraphExecutor;
  private readonly resolution: ResolutionService;

  constructor(executor: GraphExecutor, resolution: ResolutionService) {
    this.executor = executor;
    this.resolution = resolution;
  }

  /**
   * Trains and checks; a rejected model comes back with the checks it failed, for the
   * caller to report. Nothing is written.
   */
  async attempt(options: TrainOptions = {}, progress?: TrainProgress): Promise<TrainOutcome> {
    const { model, rules } = this.resolution.current;
    const data = trainingDataOf(this.store(), model.comparisons.map((c) => c.name));
    if (!progress) return trainModel(data, model, rules, options);
    const steps = 3 + (options.rounds ?? defaultRounds).length;
    let done = 0;
    const step = async <T>(phase: string, read: () => Promise<T>): Promise<T> => {
      await progress({ phase, done, of: steps });
      const result = await read();
      done += 1;
      return result;
    };
    const counted: TrainingData = {
      records: () => step('counting', () => data.records()),
      randomPairs: (pairs, seed) => step('random pairs', () => data.randomPairs(pairs, seed)),
      pairsSharing: (types) => step('prior', () => data.pairsSharing(types)),
      blockedPairs: (rule, max, seed) => step(`round ${rule}`, () => data.blockedPairs(rule, max, seed)),
    };
    const outcome = await trainModel(counted, model, rules, options);
    await progress({ phase: 'checked', done: steps, of: steps });
    return outcome;
  }

  /** As `attempt`, but a model that fails a check is an error that names each failure. */
  async train(options: TrainOptions = {}): Promise<{ model: Model; report: TrainReport }> {
    const outcome = await this.attempt(options);
    if (outcome.status === 'accepted') return outcome;
    const text = `The trained model failed ${outcome.failures.length} check(s) and was not used:\n${describeFailures(outcome.failures)}`;
    throw new DomainError('BAD_USER_INPUT', text, { clientMessage: text });
  }

  private store(): RecordStore {
    const { executor } = this;
    const { hubDegree } = this.resolution.current;
    const profiles = (keys: readonly string[]) => this.profiles(keys);
    return {
      count: async () => (await executor.readRows<{ n: number }>(RECORD_COUNT))[0]?.n ?? 0,
      sample: async (n, seed) => {
        const reservoir = new Reservoir<string>(n, seededRandom(seed));
        for (let after = ''; ; ) {
          const page = await executor.readRows<{ key: string }>(RECORD_KEY_PAGE, { after, page: int(PAGE) });
          for (const { key } of page) reservoir.offer(key);
          if (page.length < PAGE) break;
          after = page.at(-1)!.key;
        }
        const byKey = await profiles(reservoir.items);
        return reservoir.items.map((key) => byKey.get(key)).filter((p): p is MatchProfile => p !== undefined);
      },
      pairsSharing: async (types) =>
        types.length === 0 ? 0 : ((await executor.readRows<{ pairs: number }>(PAIRS_SHARING, { types, hub: int(hubDegree) }))[0]?.pairs ?? 0),
      async *blockedPairs(rule, max, seed) {
        const reservoir = new Reservoir<readonly [string, string]>(max, seededRandom(seed));
        const identifier = rule.startsWith(IDENTIFIER);
        const query = identifier ? IDENTIFIER_PAGE : BLOCKING_KEY_PAGE;
        const params = identifier ? { type: rule.slice(IDENTIFIER.length) } : { prefix: `${rule}:` };
        for (let after = ''; ; ) {
          const page = await executor.readRows<{ key: string; members: Member[] }>(query, { ...params, after, page: int(PAGE), hub: int(hubDegree) });
          for (const { key, members } of page) for (const pair of pairsFirstSharedAt(key, members)) reservoir.offer(pair);
          if (page.length < PAGE) break;
          after = page.at(-1)!.key;
        }
        for (let i = 0; i < reservoir.items.length; i += PROFILE_BATCH / 2) {
          const batch = reservoir.items.slice(i, i + PROFILE_BATCH / 2);
          const byKey = await profiles(batch.flat());
          yield batch.filter(([a, b]) => byKey.has(a) && byKey.has(b)).map(([a, b]): Pair => [byKey.get(a)!, byKey.get(b)!]);
        }
      },
    };
  }

  private async profiles(keys: readonly string[]): Promise<Map<string, MatchProfile>> {
    const unique = [...new Set(keys)];
    const profiles = new Map<string, MatchProfile>();
    for (let i = 0; i < unique.length; i += PROFILE_BATCH) {
      const rows = await this.executor.readRows<{ key: string; attrs: string; ids: string[] }>(PROFILE_ROWS, { keys: unique.slice(i, i + PROFILE_BATCH) });
      for (const row of rows) profiles.set(row.key, this.resolution.profileOfStored(row.attrs, row.ids));
    }
    return profiles;
  }
}

type Member = { key: string; keys: string[] };

/** The pairs of a key's records that share no earlier key: each distinct pair once over a whole rule. */
function* pairsFirstSharedAt(key: string, members: readonly Member[]): Generator<readonly [string, string]> {
  const sorted = [...members].sort((x, y) => (x.key < y.key ? -1 : 1));
  for (let x = 0; x < sorted.length; x++) {
    for (let y = x + 1; y < sorted.length; y++) {
      const a = sorted[x]!;
      const b = sorted[y]!;
      if (a.key === b.key) continue;
      const earlier = a.keys.some((k) => k < key && b.keys.includes(k));
      if (!earlier) yield [a.key, b.key] as const;
    }
  }
}
