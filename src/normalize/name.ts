import { NICKNAMES } from './nicknames.ts';
import { foldText } from './text.ts';

/**
 * Apostrophes and hyphens join the parts they sit between: sources disagree on whether
 * to write them ("O'Brien"/"OBrien", "Álvarez-García"/"AlvarezGarcia") far more often
 * than two people differ by one. Removed before folding, since NFKD turns '´' into a space.
 */
const JOINERS = /['’‘ʼ`´\u2010-\u2014-]/g;

/**
 * A name as the matcher compares it: lowercase, diacritics stripped (ß -> ss, ø -> o,
 * æ -> ae, ł -> l), apostrophes and hyphens removed so their parts stay one token, any
 * other punctuation a space, whitespace collapsed. Umlauts fold to the bare vowel, so
 * 'Müller' and 'Mueller' differ here (see `alternateSpellings`).
 * @example normalizeName("  José  Álvarez-García, O'Brien ") // 'jose alvarezgarcia obrien'
 */
export function normalizeName(raw: string): string {
  return foldText(raw.replace(JOINERS, ''))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A family name as one key: normalized with its particles and parts joined, so 'Van der
 * Berg', 'van der Berg' and 'Vanderberg' agree, as do 'Mc Donald' and 'McDonald'.
 * @example familyKey('Van der Berg') // 'vanderberg'
 */
export function familyKey(family: string): string {
  return normalizeName(family).replaceAll(' ', '');
}

/**
 * The spellings a normalized name may have been written with when a keyboard had no
 * umlauts: German transcribes ä, ö, ü as ae, oe, ue, which `normalizeName` keeps apart
 * from a, o, u. Returns the name itself first, then the folded spelling when different.
 * @example alternateSpellings('mueller') // ['mueller', 'muller']
 */
export function alternateSpellings(name: string): string[] {
  const folded = name.replace(/([aou])e/g, '$1');
  return folded === name ? [name] : [name, folded];
}

export type NameParts = { given?: string; middle?: string; family?: string };

const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'master', 'dr', 'doctor', 'prof', 'professor', 'sir', 'dame',
  'lord', 'lady', 'rev', 'revd', 'reverend', 'fr', 'father', 'sr', 'sra', 'srta', 'herr', 'frau',
  'hr', 'mme', 'mlle', 'monsieur', 'madame', 'mademoiselle', 'capt', 'captain', 'col', 'maj',
  'lt', 'gen', 'hon', 'rabbi', 'imam', 'sheikh',
]);
const SUFFIXES = new Set([
  'jr', 'jnr', 'junior', 'sr', 'snr', 'senior', 'ii', 'iii', 'iv', 'phd', 'md', 'dds', 'dvm',
  'esq', 'mba', 'msc', 'bsc', 'obe', 'mbe', 'cbe', 'kbe', 'qc', 'kc', 'cpa', 'rn',
]);
/** Particles begin a family name: 'Ludwig van Beethoven' -> family 'van Beethoven'. */
const PARTICLES = new Set([
  'van', 'von', 'der', 'den', 'de', 'da', 'das', 'di', 'del', 'della', 'des', 'do', 'dos', 'du',
  'la', 'le', 'ten', 'ter', 'zu', 'bin', 'ibn', 'bint', 'al', 'el', "o'", "d'", 'mc', 'mac', 'st',
  'ste', 'saint',
]);

const lettersOf = (token: string): string => foldText(token).replace(/[^\p{L}]/gu, '');
const particleKey = (token: string): string =>
  foldText(token.replace(/[’‘ʼ`´]/g, "'")).replace(/[^\p{L}']/gu, '');
/** '"Bill"' or '(Bill)': a nickname the source put beside the name, not part of it. */
const isQuoted = (token: string): boolean => /^["'(“‘].*["')”’]$/.test(token);

const tokensOf = (part: string): string[] =>
  part.split(/\s+/).filter((token) => token.length > 0 && !isQuoted(token));

/** Leading honorifics and trailing suffixes removed; never the last remaining token. */
function strip(tokens: string[]): { tokens: string[]; honorific: boolean } {
  let start = 0;
  let end = tokens.length;
  while (end - start > 1 && HONORIFICS.has(lettersOf(tokens[start]!))) start++;
  while (end - start > 1 && SUFFIXES.has(lettersOf(tokens[end - 1]!))) end--;
  return { tokens: tokens.slice(start, end), honorific: start > 0 };
}

const joined = (tokens: string[]): string | undefined => (tokens.length > 0 ? tokens.join(' ') : undefined);

function givenFirst(tokens: string[]): NameParts {
  const [given, ...rest] = tokens;
  return { given, middle: joined(rest) };
}

/**
 * A full name split into its parts, each as the source spelled it. Honorifics and
 * suffixes are dropped; "Family, Given Middle" is read in comma order; particles stay with
 * the family name. A lone name is a given name, unless an honorific came before it
 * ('Mr Smith'). A space-separated double surname ('Ana Álvarez García') cannot be told
 * from a middle name and is read as one.
 * @example splitFullName('Dr. Jane Q. Public Jr.') // { given: 'Jane', middle: 'Q.', family: 'Public' }
 * @example splitFullName('SMITH, JOHN') // { given: 'JOHN', family: 'SMITH' }
 */
export function splitFullName(full: string): NameParts {
  const parts = full
    .split(',')
    .map(tokensOf)
    .filter((tokens) => tokens.length > 0 && !tokens.every((token) => SUFFIXES.has(lettersOf(token))));
  if (parts.length === 0) return {};
  if (parts.length > 1) {
    const family = strip(parts[0]!).tokens;
    const rest = strip(parts.slice(1).flat()).tokens;
    return { family: joined(family), ...givenFirst(rest) };
  }
  const { tokens, honorific } = strip(parts[0]!);
  if (tokens.length === 1) return honorific ? { family: tokens[0] } : { given: tokens[0] };
  let familyStart = tokens.length - 1;
  while (familyStart > 1 && PARTICLES.has(particleKey(tokens[familyStart - 1]!))) familyStart--;
  return { ...givenFirst(tokens.slice(0, familyStart)), family: joined(tokens.slice(familyStart)) };
}

/**
 * The given name a record is matched on: the first token of its normalized given-name
 * field, after any honorific a source left there. Later tokens count as middle names and
 * are not used ('Mary Ann' -> 'mary'); a hyphenated name is one token ('Jean-Pierre' ->
 * 'jeanpierre'). Null when nothing is left.
 * @example primaryGivenName('Dr. Jean-Pierre Louis') // 'jeanpierre'
 */
export function primaryGivenName(given: string): string | null {
  const tokens = strip(tokensOf(given)).tokens.map(normalizeName).filter((token) => token.length > 0);
  return tokens[0]?.split(' ')[0] ?? null;
}

/** Each name's canonical forms: itself when canonical, and every form it is short for. */
const CANONICAL_OF = new Map<string, Set<string>>();
for (const [canonical, variants] of Object.entries(NICKNAMES)) {
  for (const name of [canonical, ...variants]) {
    const forms = CANONICAL_OF.get(name) ?? new Set<string>();
    forms.add(canonical);
    CANONICAL_OF.set(name, forms);
  }
}

/**
 * The canonical forms of a given name through the nickname table, sorted: the name itself
 * when it is canonical or unknown, and every canonical name it is a diminutive or
 * spelling variant of. Empty for a blank name.
 * @example canonicalGivenNames('Bill') // ['william']
 * @example canonicalGivenNames('Sasha') // ['alexander', 'alexandra']
 */
export function canonicalGivenNames(given: string): string[] {
  const name = normalizeName(given);
  if (name.length === 0) return [];
  const forms = CANONICAL_OF.get(name);
  return forms ? [...forms].sort() : [name];
}
