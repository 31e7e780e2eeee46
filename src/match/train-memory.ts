import { blockingRules } from './blocking.ts';
import type { MatchProfile } from './profile.ts';
import type { Pair, RecordStore } from './train-data.ts';
import { Reservoir, seededRandom } from './train-sample.ts';

/**
 * A record store over profiles in memory, for tests and benches: the same answers the
 * graph gives (train.service.ts), from the same blocking rules and hub degree.
 */

const IDENTIFIER = 'identifier:';
const BATCH = 1000;

/** A profile's identifiers as the graph holds them: 'email:…', 'phone:…' and its strong ids. */
const identifiersOf = (p: MatchProfile): string[] => [...p.emails.map((e) => `email:${e}`), ...p.phones.map((t) => `phone:${t}`), ...p.ids];

function keysOf(rule: string, profile: MatchProfile): string[] {
  if (rule.startsWith(IDENTIFIER)) {
    const type = `${rule.slice(IDENTIFIER.length)}:`;
    return identifiersOf(profile).filter((id) => id.startsWith(type));
  }
  const blocking = blockingRules.find((candidate) => candidate.name === rule);
  if (blocking === undefined) throw new Error(`unknown blocking rule '${rule}'`);
  return blocking.keys(profile);
}

export type MemoryRecordStore = RecordStore & {
  /** Every distinct pair resolution would consider (all rules and identifiers, no hubs), as indexes, i < j. */
  candidatePairs(): Array<[number, number]>;
};

/**
 * @example const store = memoryRecordStore(profiles, 25); await store.pairsSharing(['email']) // 1215
 */
export function memoryRecordStore(profiles: readonly MatchProfile[], hubDegree: number): MemoryRecordStore {
  /** Records per key of some rules, keys in sorted order, hubs left out. */
  const groups = (rules: readonly string[], keep: (key: string) => boolean = () => true): number[][] => {
    const byKey = new Map<string, number[]>();
    profiles.forEach((profile, i) => {
      for (const rule of rules) {
        for (const key of new Set(keysOf(rule, profile))) {
          if (!keep(key)) continue;
          const members = byKey.get(`${rule}:${key}`) ?? [];
          members.push(i);
          byKey.set(`${rule}:${key}`, members);
        }
      }
    });
    return [...byKey.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([, members]) => members).filter((m) => m.length <= hubDegree);
  };
  /** Distinct pairs within the groups, in a stable order. */
  function* pairsIn(members: number[][]): Generator<[number, number]> {
    const seen = new Set<number>();
    for (const group of members) {
      for (let x = 0; x < group.length; x++) {
        for (let y = x + 1; y < group.length; y++) {
          const [i, j] = group[x]! < group[y]! ? [group[x]!, group[y]!] : [group[y]!, group[x]!];
          const id = i * profiles.length + j;
          if (seen.has(id)) continue;
          seen.add(id);
          yield [i, j];
        }
      }
    }
  }
  const identifierRules = (): string[] => [...new Set(profiles.flatMap((p) => identifiersOf(p).map((id) => IDENTIFIER + id.slice(0, id.indexOf(':')))))].sort();

  return {
    count: async () => profiles.length,
    sample: async (n, seed) => {
      const reservoir = new Reservoir<number>(n, seededRandom(seed));
      profiles.forEach((_, i) => reservoir.offer(i));
      return reservoir.items.map((i) => profiles[i]!);
    },
    pairsSharing: async (types) => {
      const wanted = types.map((type) => `${type}:`);
      let n = 0;
      for (const pairs = pairsIn(groups(identifierRules(), (key) => wanted.some((w) => key.startsWith(w)))); !pairs.next().done; ) n++;
      return n;
    },
    async *blockedPairs(rule, max, seed) {
      const reservoir = new Reservoir<[number, number]>(max, seededRandom(seed));
      for (const pair of pairsIn(groups([rule]))) reservoir.offer(pair);
      const pairs = reservoir.items.map(([i, j]): Pair => [profiles[i]!, profiles[j]!]);
      for (let i = 0; i < pairs.length; i += BATCH) yield pairs.slice(i, i + BATCH);
    },
    candidatePairs: () => [...pairsIn(groups([...blockingRules.map((r) => r.name), ...identifierRules()]))],
  };
}
