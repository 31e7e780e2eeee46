import type { MatchProfile } from './profile.ts';
import { rules, tfFields } from './comparison-rules.ts';

/**
 * Comparisons as data (after splink): each is an ordered list of levels, best first, with
 * starting m and u probabilities. A pair falls in the first level whose test holds for
 * any pair of values (lists compare their best pair); when either side has no value the
 * pair has no level (null) and the comparison weighs nothing. The m and u here are the
 * hand-set values of models/default-model.json; a trained model carries its own.
 */

export type Level = {
  label: string;
  /** Reads after the comparison's title: 'Email: exact match'. */
  description: string;
  /** P(level | match). */
  m: number;
  /** P(level | non-match). */
  u: number;
  /** Exact agreement whose weight depends on how common the agreeing value is. */
  tf?: boolean;
};

export type Comparison = {
  name: ComparisonName;
  /** Sentence-friendly name: 'Date of birth'. */
  title: string;
  description: string;
  levels: Level[];
};

export type ComparisonName =
  | 'given_name'
  | 'family_name'
  | 'date_of_birth'
  | 'email'
  | 'phone'
  | 'postcode'
  | 'street'
  | 'city'
  | 'strong_id';

/** A pair's level in one comparison, with the agreeing values when the level is exact. */
export type LevelMatch = { level: number; values: string[] };

const level = (label: string, description: string, m: number, u: number, tf?: true): Level =>
  tf ? { label, description, m, u, tf } : { label, description, m, u };

/** The default comparisons, in scoring order. */
export const comparisons: readonly Comparison[] = [
  { name: 'given_name', title: 'Given name', description: 'Given names, best pair; crosswise with family names for swaps', levels: [
    level('exact', 'exact match', 0.805, 0.008),
    level('nickname', 'same name through a nickname', 0.07, 0.002),
    level('similar', 'similar spelling', 0.05, 0.004),
    level('phonetic', 'sounds alike', 0.02, 0.004),
    level('initial', 'an initial that fits the name', 0.04, 0.003),
    level('swapped', 'given and family names swapped', 0.005, 0.0001),
    level('different', 'different', 0.01, 0.9789),
  ] },
  { name: 'family_name', title: 'Family name', description: 'Family names, best pair; crosswise with given names for swaps', levels: [
    level('exact', 'exact match', 0.85, 0.001, true),
    level('similar', 'similar spelling', 0.06, 0.002),
    level('phonetic', 'sounds alike', 0.03, 0.003),
    level('swapped', 'given and family names swapped', 0.005, 0.0001),
    level('different', 'different', 0.055, 0.9939),
  ] },
  { name: 'date_of_birth', title: 'Date of birth', description: 'Dates of birth', levels: [
    level('exact', 'exact match', 0.91, 0.0000456),
    level('typo', 'one typo apart (digit or month/day swapped)', 0.04, 0.0018),
    level('same_year', 'same year only', 0.03, 0.0167),
    level('different', 'different', 0.02, 0.9814544),
  ] },
  { name: 'email', title: 'Email', description: 'Normalized email addresses, best pair', levels: [
    level('exact', 'exact match', 0.6, 0.000001, true),
    level('same_local_part', 'same name before the @, different domain', 0.1, 0.0001),
    level('local_part_one_edit', 'one character apart before the @', 0.05, 0.00005),
    level('different', 'different', 0.25, 0.999849),
  ] },
  { name: 'phone', title: 'Phone', description: 'Phones in E.164, best pair', levels: [
    level('exact', 'exact match', 0.7, 0.00005, true),
    level('last_7_digits', 'same last seven digits', 0.05, 0.00002),
    level('different', 'different', 0.25, 0.99993),
  ] },
  { name: 'postcode', title: 'Postcode', description: 'Normalized postcodes, best pair', levels: [
    level('exact', 'exact match', 0.7, 0.0001, true),
    level('same_district', 'same district (outward code or first three characters)', 0.1, 0.003),
    level('different', 'different', 0.2, 0.9969),
  ] },
  { name: 'street', title: 'Street', description: 'First address lines, best pair', levels: [
    level('exact', 'exact match', 0.65, 0.05),
    level('similar', 'similar spelling', 0.1, 0.02),
    level('different', 'different', 0.25, 0.93),
  ] },
  { name: 'city', title: 'City', description: 'Cities, best pair', levels: [
    level('exact', 'exact match', 0.8, 0.2),
    level('different', 'different', 0.2, 0.8),
  ] },
  { name: 'strong_id', title: 'Strong identifier', description: "Identifiers as 'type:value'", levels: [
    level('shared', 'same identifier', 0.3, 0.000001),
    level('conflicting', 'different identifiers of the same type', 0.15, 0.55),
    level('no_common_type', 'no identifier of a common type', 0.55, 0.449999),
  ] },
];

/**
 * The comparison of that name, or undefined.
 * @example comparisonNamed('email')?.title // 'Email'
 */
export function comparisonNamed(name: string): Comparison | undefined {
  return comparisons.find((comparison) => comparison.name === name);
}

/**
 * A pair's level (index into the comparison's levels) and agreeing values, or null when
 * either side lacks the value.
 * @example matchLevel('email', a, b) // { level: 0, values: ['ann@example.com'] }
 */
export function matchLevel(name: string, a: MatchProfile, b: MatchProfile): LevelMatch | null {
  const comparison = comparisonNamed(name);
  if (comparison === undefined) throw new Error(`unknown comparison '${name}'`);
  const result = rules[comparison.name](a, b);
  if (result === null) return null;
  const index = comparison.levels.findIndex((candidate) => candidate.label === result.label);
  if (index < 0) throw new Error(`comparison '${name}' has no level '${result.label}'`);
  return { level: index, values: result.values ?? [] };
}

/**
 * A pair's level in one comparison: 0 is the best level; null means one side is missing.
 * @example levelOf('date_of_birth', { ...a, dob: '1985-03-07' }, { ...b, dob: '1985-07-03' }) // 1
 */
export function levelOf(name: string, a: MatchProfile, b: MatchProfile): number | null {
  return matchLevel(name, a, b)?.level ?? null;
}

/**
 * The values of a profile that a term-frequency comparison counts (none for others).
 * @example tfValues('family_name', profile) // ['smith']
 */
export function tfValues(name: string, profile: MatchProfile): string[] {
  const field = tfFields[name as ComparisonName];
  return field === undefined ? [] : profile[field];
}
