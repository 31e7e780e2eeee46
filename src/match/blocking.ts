import { identifierTypes } from '../ingest/canonical.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import type { MatchProfile } from './profile.ts';
import { phoneticCodes } from './similarity.ts';

/**
 * Blocking rules, in order: each turns a profile into keys, and two records sharing a
 * key become a candidate pair, found by an index seek and a two-hop traversal. Shared
 * identifiers (email, phone, account numbers...) are blocking keys of their own and come
 * first; these catch people whose identifiers differ.
 */
export type BlockingRule = { name: string; keys: (p: MatchProfile) => string[] };

const birthYear = (p: MatchProfile) => p.dob?.slice(0, 4) ?? null;
const initials = (names: string[]) => [...new Set(names.map((n) => n[0]).filter((c): c is string => !!c))];
const cross = (xs: string[], ys: string[]) => xs.flatMap((x) => ys.map((y) => `${x}|${y}`));

export const blockingRules: readonly BlockingRule[] = [
  {
    name: 'surname-sound+birth-year',
    keys: (p) => {
      const year = birthYear(p);
      return year ? cross(p.family.flatMap(phoneticCodes), [year]) : [];
    },
  },
  { name: 'postcode+given-initial', keys: (p) => cross(p.postcodes, initials(p.given)) },
  { name: 'given+family', keys: (p) => cross(p.givenCanonical.length > 0 ? p.givenCanonical : p.given, p.family) },
  // Unordered, so that swapped first and last names share it.
  { name: 'name-pair', keys: (p) => p.given.flatMap((g) => p.family.map((f) => [g, f].sort().join('|'))) },
  { name: 'birth-date+family-initial', keys: (p) => (p.dob ? cross([p.dob], initials(p.family)) : []) },
  { name: 'street+postcode', keys: (p) => cross(p.streets, p.postcodes) },
  // A street line with its house number is rare enough alone, and catches a missing or mistyped postcode.
  { name: 'street', keys: (p) => p.streets.filter((s) => /\d/.test(s)) },
  // Unordered sounds of both names: typos in both names, or in either order.
  {
    name: 'name-sounds',
    keys: (p) => {
      const given = p.given.filter((g) => g.length > 1).flatMap(phoneticCodes);
      const family = p.family.flatMap(phoneticCodes);
      return given.flatMap((g) => family.map((f) => [g, f].sort().join('|')));
    },
  },
];

/**
 * Every blocking key of a profile as `rule:key`, deduplicated and sorted. The key part
 * goes through the codec's tokenKey (a keyed hash when values are encrypted); the rule
 * name stays plain, so that training can still read one rule's keys by prefix.
 * @example blockingKeys(profile, plainCodec) // ['given+family:william|smith', 'surname-sound+birth-year:SM0|1980', ...]
 */
export function blockingKeys(profile: MatchProfile, codec: ValueCodec): string[] {
  const keys = new Set<string>();
  for (const rule of blockingRules) for (const key of rule.keys(profile)) keys.add(`${rule.name}:${codec.tokenKey(rule.name, key)}`);
  return [...keys].sort();
}

/** The stored key part of a term-frequency value, as frequencyKeys writes it and frequencyCounts reads it. */
export const frequencyToken = (codec: ValueCodec, comparison: string, value: string): string => codec.tokenKey(`tf:${comparison}`, value);

/**
 * Keys that only count how common a value is (term frequencies): a family name or a
 * postcode shared by thousands is no block, but its count makes agreement on it weigh less.
 * Emails and phones need none: their Identifier nodes' degrees are their counts.
 * @example frequencyKeys(profile, plainCodec) // ['tf:family_name:smith', 'tf:postcode:SW1A 1AA']
 */
export function frequencyKeys(profile: MatchProfile, codec: ValueCodec): string[] {
  const keys = [
    ...profile.family.map((v) => `tf:family_name:${frequencyToken(codec, 'family_name', v)}`),
    ...profile.postcodes.map((v) => `tf:postcode:${frequencyToken(codec, 'postcode', v)}`),
  ];
  return [...new Set(keys)].sort();
}

/** The rule name of a `rule:key` blocking key. */
export const ruleOfKey = (key: string): string => (key.includes(':') ? key.slice(0, key.indexOf(':')) : key);

const IDENTIFIER = 'identifier:';

/**
 * The rule a via belongs to: `identifier:<type>` for a shared identifier, the blocking
 * rule's name for a shared blocking key. Never the key's value (names, postcodes).
 * @example blockingRuleOf('given+family:william|smith') // 'given+family'
 * @example blockingRuleOf('identifier:email') // 'identifier:email'
 */
export const blockingRuleOf = (via: string): string => (via.startsWith(IDENTIFIER) ? via : ruleOfKey(via));

/** Where a via ranks: shared identifiers first (in identifierTypes order), then the blocking rules in their order. */
function rankOf(via: string): number {
  if (via.startsWith(IDENTIFIER)) {
    const at = (identifierTypes as readonly string[]).indexOf(via.slice(IDENTIFIER.length));
    return at < 0 ? identifierTypes.length : at;
  }
  const at = blockingRules.findIndex((rule) => rule.name === ruleOfKey(via));
  // A rule no longer configured (keys written before it was removed) comes last.
  return identifierTypes.length + 1 + (at < 0 ? blockingRules.length : at);
}

/**
 * The via a pair records as the rule that found it: of all the identifiers and blocking
 * keys the two share, the one of the first rule in the configured order (ties: the
 * smallest key), whatever order the candidate query collected them in.
 * @example firstBlockingVia(['name-sounds:AN|KR', 'given+family:ann|kerr']) // 'given+family:ann|kerr'
 */
export function firstBlockingVia(vias: readonly string[]): string | null {
  let first: string | null = null;
  for (const via of vias) {
    if (first === null || rankOf(via) < rankOf(first) || (rankOf(via) === rankOf(first) && via < first)) first = via;
  }
  return first;
}
