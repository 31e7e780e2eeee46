import { doubleMetaphone } from 'double-metaphone';
import { distance } from 'fastest-levenshtein';

/**
 * String and date similarity used by the comparisons. Edit distance and phonetic codes
 * come from libraries; Jaro-Winkler is written here because the small npm packages that
 * offer it deviate from the published definition (e.g. a common prefix of four scored as
 * five, a match window one wider than Jaro's).
 */

/**
 * Levenshtein edit distance (insertions, deletions, substitutions).
 * @example editDistance('jon.smith', 'john.smith') // 1
 */
export const editDistance = (a: string, b: string): number => distance(a, b);

/**
 * Jaro similarity (Jaro 1989) in [0, 1]: matching characters within a window of
 * max(|a|,|b|)/2 − 1, less half the transpositions.
 * @example jaro('martha', 'marhta') // 0.944…
 */
export function jaro(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  if (s.length === 0 && t.length === 0) return 1;
  if (s.length === 0 || t.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(s.length, t.length) / 2) - 1);
  const sMatched = new Array<boolean>(s.length).fill(false);
  const tMatched = new Array<boolean>(t.length).fill(false);
  let matches = 0;
  for (let i = 0; i < s.length; i++) {
    const end = Math.min(i + window + 1, t.length);
    for (let j = Math.max(0, i - window); j < end; j++) {
      if (tMatched[j] || s[i] !== t[j]) continue;
      sMatched[i] = tMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let outOfOrder = 0;
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    if (!sMatched[i]) continue;
    while (!tMatched[j]) j++;
    if (s[i] !== t[j]) outOfOrder++;
    j++;
  }
  const transpositions = outOfOrder / 2;
  return (matches / s.length + matches / t.length + (matches - transpositions) / matches) / 3;
}

/**
 * Jaro-Winkler similarity (Winkler 1990): Jaro raised for a common prefix of up to four
 * characters, `jw = j + ℓ·p·(1 − j)` with p = 0.1.
 * @example jaroWinkler('martha', 'marhta') // 0.961…
 */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  const similarity = jaro(a, b);
  const s = [...a];
  const t = [...b];
  let prefix = 0;
  while (prefix < 4 && prefix < s.length && prefix < t.length && s[prefix] === t[prefix]) prefix++;
  return similarity + prefix * prefixScale * (1 - similarity);
}

/**
 * The Double Metaphone codes of a value (primary, then alternate when it differs).
 * @example phoneticCodes('smith') // ['SM0', 'XMT']
 */
export function phoneticCodes(value: string): string[] {
  const [primary, alternate] = doubleMetaphone(value);
  return [...new Set([primary, alternate])].filter((code) => code.length > 0);
}

/**
 * Whether two values share a Double Metaphone code (primary or alternate).
 * @example soundAlike('catherine', 'kathryn') // true
 */
export function soundAlike(a: string, b: string): boolean {
  const codes = phoneticCodes(a);
  return phoneticCodes(b).some((code) => codes.includes(code));
}

/**
 * Whether two different YYYY-MM-DD dates look like one mistyped: month and day swapped in
 * the same year, one digit different, or two adjacent digits transposed.
 * @example isDateTypo('1985-03-07', '1985-07-03') // true
 */
export function isDateTypo(a: string, b: string): boolean {
  if (a === b) return false;
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  if (ya === yb && ma === db && da === mb) return true;
  const x = a.replaceAll('-', '');
  const y = b.replaceAll('-', '');
  if (x.length !== y.length) return false;
  const differing: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) differing.push(i);
  if (differing.length === 1) return true;
  const [i, j] = differing;
  return differing.length === 2 && i !== undefined && j === i + 1 && x[i] === y[j] && x[j] === y[i];
}
