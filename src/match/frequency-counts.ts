import type { ValueCodec } from '../privacy/codec.ts';
import { frequencyToken } from './blocking.ts';

/**
 * Frequencies are counted against at least this many records. In a young deployment
 * with a few hundred records every value looks common (two records named Ashdown are
 * 1% of 200), which would take the weight out of every exact agreement.
 */
export const MIN_POPULATION = 10_000;

export type StoredIdentifier = { type: string; value: string; n: number };
export type StoredFrequency = { key: string; n: number };

export type FrequencyCounts = {
  /** The record's identifiers shared by more records than the hub degree, as 'type:value'. */
  hubs: Set<string>;
  /** Relative frequency of a value for a term-frequency comparison, among `total` records. */
  tf(comparison: string, value: string, total: number): number | undefined;
};

/**
 * Term frequencies and hubs of one record's values, from the degrees of its Identifier
 * nodes (emails, phones) and its `tf:` blocking keys (family names, postcodes): the graph
 * keeps the counts, so no frequency table has to be maintained.
 * @example frequencyCounts(codec, [{ type: 'email', value: 'a@x.com', n: 30 }], [], 25).tf('email', 'a@x.com', 20_000) // 0.0015
 */
export function frequencyCounts(
  codec: ValueCodec,
  identifiers: readonly StoredIdentifier[],
  keys: readonly StoredFrequency[],
  hubDegree: number,
): FrequencyCounts {
  const counts = new Map<string, number>();
  // The `tf:` keys' values are stored as the codec's tokens: looked up by token, never decoded.
  const tokenCounts = new Map<string, number>();
  const hubs = new Set<string>();
  for (const i of identifiers) {
    const value = codec.decode(i.value);
    counts.set(`${i.type}:${value}`, i.n);
    if (i.n > hubDegree) hubs.add(`${i.type}:${value}`);
  }
  for (const k of keys) tokenCounts.set(k.key.slice('tf:'.length), k.n);
  return {
    hubs,
    tf: (comparison, value, total) => {
      const n = counts.get(`${comparison}:${value}`) ?? tokenCounts.get(`${comparison}:${frequencyToken(codec, comparison, value)}`);
      return n === undefined ? undefined : n / Math.max(total, MIN_POPULATION);
    },
  };
}
