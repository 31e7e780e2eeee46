import { int, type Tx } from '../graph/executor.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { blockingKeys, frequencyKeys } from './blocking.ts';
import { frequencyCounts, type StoredFrequency, type StoredIdentifier } from './frequency-counts.ts';
import type { MatchProfile } from './profile.ts';
import { CANDIDATE_RECORDS, CANDIDATES, RECORD_COUNT, RECORD_IDENTIFIERS, WRITE_BLOCKING_KEYS } from './resolution.cypher.ts';
import type { TermFrequencies } from './term-frequencies.ts';

/** A pair blocking found, a < b, with everything a model needs to decide it. */
export type CandidatePair = {
  a: string;
  b: string;
  left: MatchProfile;
  right: MatchProfile;
  /** The blocking keys and identifier types the two share. */
  vias: string[];
  tf: TermFrequencies;
  hubs: ReadonlySet<string>;
};

export type CandidateOptions = {
  codec: ValueCodec;
  profileOf: (attrs: string, ids: readonly string[]) => MatchProfile;
  hubDegree: number;
  maxCandidates: number;
  /**
   * Write the records' blocking keys first (ingest and resolve), or find candidates
   * through the keys already stored (a dry run, which writes nothing).
   */
  writeKeys: boolean;
};

type CandidateRef = { key: string; vias: string[] };

/**
 * The candidate pairs of a page of records, each pair once: the one path by which
 * ingest, bulk resolution, its dry run and model comparison find what to score. Also
 * the customer of every candidate.
 */
export async function candidatePairs(
  tx: Tx,
  rows: ReadonlyArray<{ key: string; attrs: string }>,
  options: CandidateOptions,
): Promise<{ pairs: CandidatePair[]; customerOf: Map<string, string | null> }> {
  const { codec, hubDegree, maxCandidates } = options;
  const keys = rows.map((r) => r.key);
  const idRows = await tx.run(RECORD_IDENTIFIERS, { keys });
  const idsOf = new Map(idRows.records.map((r) => [r.get('key') as string, r.get('ids') as string[]]));
  const profiles = new Map(rows.map((r) => [r.key, options.profileOf(r.attrs, idsOf.get(r.key) ?? [])]));
  // Sent together and run in order: the key write returns no rows, so it is complete
  // before the candidate read starts.
  const writes = options.writeKeys
    ? [
        tx.run(WRITE_BLOCKING_KEYS, {
          rows: rows.map((r) => {
            const p = profiles.get(r.key)!;
            return { key: r.key, keys: [...blockingKeys(p, codec), ...frequencyKeys(p, codec)] };
          }),
        }),
      ]
    : [];
  const [found, count] = (
    await Promise.all([...writes, tx.run(CANDIDATES, { keys, maxDegree: int(hubDegree), maxCandidates: int(maxCandidates) }), tx.run(RECORD_COUNT)])
  ).slice(writes.length);
  const total = (count!.records[0]?.get('n') as number) || 1;

  const candidateKeys = new Set<string>();
  for (const record of found!.records) for (const c of record.get('candidates') as CandidateRef[]) candidateKeys.add(c.key);
  const details = new Map<string, { attrs: string; ids: string[]; customer: string | null }>();
  const detailRows = await tx.run(CANDIDATE_RECORDS, { keys: [...candidateKeys].filter((k) => !profiles.has(k)) });
  for (const row of detailRows.records) details.set(row.get('key'), { attrs: row.get('attrs'), ids: row.get('ids'), customer: row.get('customer') });

  const pairs: CandidatePair[] = [];
  const seen = new Set<string>();
  const customerOf = new Map<string, string | null>();
  const otherProfiles = new Map<string, MatchProfile>();
  for (const record of found!.records) {
    const key = record.get('key') as string;
    const counts = frequencyCounts(codec, record.get('identifiers') as StoredIdentifier[], record.get('frequencies') as StoredFrequency[], hubDegree);
    const tf: TermFrequencies = { get: (c, v) => counts.tf(c, v, total) };
    for (const candidate of record.get('candidates') as CandidateRef[]) {
      const detail = details.get(candidate.key);
      customerOf.set(candidate.key, detail?.customer ?? null);
      const [a, b] = key < candidate.key ? [key, candidate.key] : [candidate.key, key];
      if (seen.has(`${a}\n${b}`)) continue;
      seen.add(`${a}\n${b}`);
      let other = profiles.get(candidate.key) ?? otherProfiles.get(candidate.key);
      if (!other && detail) {
        other = options.profileOf(detail.attrs, detail.ids);
        otherProfiles.set(candidate.key, other);
      }
      if (!other) continue;
      pairs.push({ a, b, left: profiles.get(key)!, right: other, vias: candidate.vias, tf, hubs: counts.hubs });
    }
  }
  return { pairs, customerOf };
}
