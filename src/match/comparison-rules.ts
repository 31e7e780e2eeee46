import type { ComparisonName } from './comparisons.ts';
import type { MatchProfile } from './profile.ts';
import { editDistance, isDateTypo, jaroWinkler, soundAlike } from './similarity.ts';

/**
 * The tests behind each comparison's levels, tried best first. A rule answers the label
 * of the level a pair falls in (and the agreeing values for exact levels), or null when
 * either side has nothing to compare. Labels must be those of comparisons.ts.
 */
export type RuleResult = { label: string; values?: string[] };
type Rule = (a: MatchProfile, b: MatchProfile) => RuleResult | null;

/** Profile lists that term-frequency levels count values of. */
export const tfFields: Partial<Record<ComparisonName, 'family' | 'emails' | 'phones' | 'postcodes'>> = {
  family_name: 'family',
  email: 'emails',
  phone: 'phones',
  postcode: 'postcodes',
};

const NAME_SIMILARITY = 0.92;
const STREET_SIMILARITY = 0.9;
/** Shorter local parts ('jo', 'abc') are one edit from too many others to mean anything. */
const MIN_LOCAL_PART_FOR_EDIT = 4;

const shared = (xs: string[], ys: string[]): string[] => xs.filter((x) => ys.includes(x));
const anyPair = (xs: string[], ys: string[], test: (x: string, y: string) => boolean): boolean =>
  xs.some((x) => ys.some((y) => test(x, y)));
const missing = (xs: string[], ys: string[]): boolean => xs.length === 0 || ys.length === 0;

/**
 * Both crosswise agreements hold, each exactly or but for a typo: one side's given name is
 * the other's family name, and back ('NOLAN Jonnas' written family-first vs 'Jonas Nolan').
 */
const close = (x: string, y: string): boolean => x === y || jaroWinkler(x, y) >= NAME_SIMILARITY;
const swapped = (a: MatchProfile, b: MatchProfile): boolean =>
  anyPair(a.given, b.family, close) && anyPair(a.family, b.given, close);

const localPart = (email: string): string => email.slice(0, email.lastIndexOf('@'));
const outward = (postcode: string): string =>
  postcode.includes(' ') ? postcode.slice(0, postcode.indexOf(' ')) : postcode.slice(0, 3);
const idType = (id: string): string => id.slice(0, id.indexOf(':'));

const given: Rule = (a, b) => {
  if (missing(a.given, b.given)) return null;
  if (shared(a.given, b.given).length > 0) return { label: 'exact' };
  if (shared(a.givenCanonical, b.givenCanonical).length > 0) return { label: 'nickname' };
  if (anyPair(a.given, b.given, (x, y) => jaroWinkler(x, y) >= NAME_SIMILARITY)) return { label: 'similar' };
  if (anyPair(a.given, b.given, soundAlike)) return { label: 'phonetic' };
  // 'N. Teichmann' for Nina Teichmann: an initial agrees with, but does not prove, a name.
  if (anyPair(a.given, b.given, (x, y) => (x.length === 1 || y.length === 1) && x[0] === y[0])) return { label: 'initial' };
  if (swapped(a, b)) return { label: 'swapped' };
  return { label: 'different' };
};

const family: Rule = (a, b) => {
  if (missing(a.family, b.family)) return null;
  const same = shared(a.family, b.family);
  if (same.length > 0) return { label: 'exact', values: same };
  if (anyPair(a.family, b.family, (x, y) => jaroWinkler(x, y) >= NAME_SIMILARITY)) return { label: 'similar' };
  if (anyPair(a.family, b.family, soundAlike)) return { label: 'phonetic' };
  if (swapped(a, b)) return { label: 'swapped' };
  return { label: 'different' };
};

const dateOfBirth: Rule = (a, b) => {
  if (a.dob === null || b.dob === null) return null;
  if (a.dob === b.dob) return { label: 'exact' };
  if (isDateTypo(a.dob, b.dob)) return { label: 'typo' };
  if (a.dob.slice(0, 4) === b.dob.slice(0, 4)) return { label: 'same_year' };
  return { label: 'different' };
};

const email: Rule = (a, b) => {
  if (missing(a.emails, b.emails)) return null;
  const same = shared(a.emails, b.emails);
  if (same.length > 0) return { label: 'exact', values: same };
  if (anyPair(a.emails, b.emails, (x, y) => localPart(x) === localPart(y))) return { label: 'same_local_part' };
  const oneEdit = (x: string, y: string): boolean => {
    const [lx, ly] = [localPart(x), localPart(y)];
    return Math.min(lx.length, ly.length) >= MIN_LOCAL_PART_FOR_EDIT && editDistance(lx, ly) <= 1;
  };
  if (anyPair(a.emails, b.emails, oneEdit)) return { label: 'local_part_one_edit' };
  return { label: 'different' };
};

const phone: Rule = (a, b) => {
  if (missing(a.phones, b.phones)) return null;
  const same = shared(a.phones, b.phones);
  if (same.length > 0) return { label: 'exact', values: same };
  if (anyPair(a.phones, b.phones, (x, y) => x.length >= 7 && x.slice(-7) === y.slice(-7))) return { label: 'last_7_digits' };
  return { label: 'different' };
};

const postcode: Rule = (a, b) => {
  if (missing(a.postcodes, b.postcodes)) return null;
  const same = shared(a.postcodes, b.postcodes);
  if (same.length > 0) return { label: 'exact', values: same };
  if (anyPair(a.postcodes, b.postcodes, (x, y) => outward(x) === outward(y))) return { label: 'same_district' };
  return { label: 'different' };
};

const street: Rule = (a, b) => {
  if (missing(a.streets, b.streets)) return null;
  if (shared(a.streets, b.streets).length > 0) return { label: 'exact' };
  if (anyPair(a.streets, b.streets, (x, y) => jaroWinkler(x, y) >= STREET_SIMILARITY)) return { label: 'similar' };
  return { label: 'different' };
};

const city: Rule = (a, b) => {
  if (missing(a.cities, b.cities)) return null;
  return shared(a.cities, b.cities).length > 0 ? { label: 'exact' } : { label: 'different' };
};

const strongId: Rule = (a, b) => {
  if (missing(a.ids, b.ids)) return null;
  if (shared(a.ids, b.ids).length > 0) return { label: 'shared' };
  if (anyPair(a.ids, b.ids, (x, y) => idType(x) === idType(y))) return { label: 'conflicting' };
  return { label: 'no_common_type' };
};

export const rules: Record<ComparisonName, Rule> = {
  given_name: given,
  family_name: family,
  date_of_birth: dateOfBirth,
  email,
  phone,
  postcode,
  street,
  city,
  strong_id: strongId,
};
