import { howTermMatched, type MatchHow } from './match-reasons.ts';
import type { SearchPlan } from './search-query.ts';

/** What a name term adds to a hit's rank, by how it matched: the Lucene query's boosts, fuzzy between exact and nickname. */
const weights: Record<MatchHow, number> = { EXACT: 4, FUZZY: 2.5, NICKNAME: 2, PHONETIC: 1.5 };

export type RankedHit<T> = { hit: T; score: number };

/**
 * Hits ranked in the API process, for opaque (hashed) search tokens: the index found them
 * by exact names, nicknames and sounds, but a keyed hash has no spelling, so the order
 * comes from the clear names decoded here: each name term's best way of matching, summed
 * (ties by id), then the page after the cursor. Deterministic, so cursors stay valid.
 * @example rankHits(planSearch({ query: 'Quenell' }, codec), hits)[0].score // 2.5: a fuzzy match of the one term
 */
export function rankHits<T extends { id: string; names: string | null; sounds: string | null }>(plan: SearchPlan, hits: readonly T[]): Array<RankedHit<T>> {
  const terms = [...plan.anyOf, ...plan.allOf];
  const ranked = hits.map((hit) => {
    const names = new Set((hit.names ?? '').split(' ').filter(Boolean));
    const sounds = new Set((hit.sounds ?? '').split(' ').filter(Boolean));
    const score = terms.reduce((sum, term) => {
      const how = howTermMatched(term, names, sounds);
      return sum + (how ? weights[how] : 0);
    }, 0);
    return { hit, score };
  });
  ranked.sort((a, b) => b.score - a.score || (a.hit.id < b.hit.id ? -1 : a.hit.id > b.hit.id ? 1 : 0));
  const after = plan.after;
  return after ? ranked.filter((r) => r.score < after.score || (r.score === after.score && r.hit.id > after.id)) : ranked;
}
