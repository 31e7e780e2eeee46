import { blockingRules } from './blocking.ts';
import type { ComparisonName } from './comparisons.ts';

/**
 * Which comparisons each blocking rule blocks on: in a training round over that rule's
 * pairs these agree by construction, so they are held fixed. A postcode implies its city,
 * so rules on postcodes hold the city too. Identifier rounds are named `identifier:TYPE`.
 */
export const blockedOnByRule: Readonly<Record<string, readonly ComparisonName[]>> = {
  'surname-sound+birth-year': ['family_name', 'date_of_birth'],
  'postcode+given-initial': ['postcode', 'city', 'given_name'],
  'given+family': ['given_name', 'family_name'],
  'name-pair': ['given_name', 'family_name'],
  'birth-date+family-initial': ['date_of_birth', 'family_name'],
  'street+postcode': ['street', 'postcode', 'city'],
  street: ['street'],
  'name-sounds': ['given_name', 'family_name'],
};

const IDENTIFIER = 'identifier:';

/**
 * Training rounds by default, after splink's usual recipe: pairs with the same name teach
 * the m of everything but names; pairs at the same address teach the names' (and the date
 * of birth's); pairs with the same birth date teach the given name's and the address's.
 * Together they estimate every comparison at least once.
 */
export const defaultRounds: readonly string[] = ['given+family', 'street+postcode', 'birth-date+family-initial'];

/**
 * The comparisons a round over this rule's pairs holds fixed, or undefined for an unknown rule.
 * @example blockedOn('identifier:email') // ['email']
 */
export function blockedOn(rule: string): readonly ComparisonName[] | undefined {
  if (rule.startsWith(IDENTIFIER)) {
    const type = rule.slice(IDENTIFIER.length);
    if (type === 'email') return ['email'];
    if (type === 'phone') return ['phone'];
    return type.length > 0 ? ['strong_id'] : undefined;
  }
  return blockingRules.some((r) => r.name === rule) ? blockedOnByRule[rule] : undefined;
}

/**
 * The comparisons that none of the rounds estimates (all would keep their starting m).
 * @example notEstimated(['given+family'], ['given_name', 'email']) // ['given_name']
 */
export function notEstimated(rounds: readonly string[], comparisons: readonly string[]): string[] {
  return comparisons.filter((name) => rounds.every((rule) => (blockedOn(rule) ?? []).some((fixed) => fixed === name)));
}
