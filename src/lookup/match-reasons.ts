import type { NameTerm, SearchPlan } from './search-query.ts';

export type SearchField = 'NAME' | 'EMAIL' | 'PHONE' | 'POSTCODE' | 'DATE_OF_BIRTH';
export type MatchHow = 'EXACT' | 'FUZZY' | 'NICKNAME' | 'PHONETIC';
export type MatchReason = { field: SearchField; how: MatchHow };

/** Edit distance with adjacent transpositions counted once, as Lucene's fuzzy terms count it. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[s.length]![t.length]!;
}

/** How one name term met the customer's tokens, the strongest way first; null when it did not. */
export function howTermMatched(term: NameTerm, names: ReadonlySet<string>, sounds: ReadonlySet<string>): MatchHow | null {
  if (names.has(term.token)) return 'EXACT';
  if (term.maxEdits > 0 && [...names].some((n) => editDistance(n, term.token) <= term.maxEdits)) return 'FUZZY';
  if (term.nicknames.some((n) => names.has(n))) return 'NICKNAME';
  if (term.sounds.some((s) => sounds.has(s))) return 'PHONETIC';
  return null;
}

const order: Record<MatchHow, number> = { EXACT: 0, FUZZY: 1, NICKNAME: 2, PHONETIC: 3 };

/**
 * Why a customer is in a search's results: each name term's way of matching (exact,
 * fuzzy, nickname, phonetic: the same forms the Lucene query asks for), and the exact
 * filters it passed. Names fields and ways, never values.
 * @example matchReasons(planSearch({ query: 'smyth' }), { names: 'jane smith', sounds: 'sm0 xmt' }) // [{ field: 'NAME', how: 'FUZZY' }]
 */
export function matchReasons(plan: SearchPlan, tokens: { names: string | null; sounds: string | null }): MatchReason[] {
  const names = new Set((tokens.names ?? '').split(' ').filter(Boolean));
  const sounds = new Set((tokens.sounds ?? '').split(' ').filter(Boolean));
  const hows = new Set<MatchHow>();
  for (const term of [...plan.anyOf, ...plan.allOf]) {
    const how = howTermMatched(term, names, sounds);
    if (how) hows.add(how);
  }
  const reasons: MatchReason[] = [...hows].sort((a, b) => order[a] - order[b]).map((how) => ({ field: 'NAME', how }));
  if (plan.email) reasons.push({ field: 'EMAIL', how: 'EXACT' });
  if (plan.phone) reasons.push({ field: 'PHONE', how: 'EXACT' });
  if (plan.postcode) reasons.push({ field: 'POSTCODE', how: 'EXACT' });
  if (plan.dob) reasons.push({ field: 'DATE_OF_BIRTH', how: 'EXACT' });
  return reasons;
}
