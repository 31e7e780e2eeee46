import type { GoldenRecord } from '../golden/survivorship.ts';
import type { PersonName } from '../ingest/canonical.ts';
import { phoneticCodes } from '../match/similarity.ts';
import { normalizePostcode } from '../normalize/address.ts';
import { canonicalGivenNames, familyKey, normalizeName } from '../normalize/name.ts';
import type { ValueCodec } from '../privacy/codec.ts';

/**
 * What the customer search index holds for one customer: space-separated tokens per
 * field, each a run of lowercase letters and digits (nothing Lucene would read as
 * syntax), each through the codec's tokenKey (a keyed hash when values are encrypted).
 * Null fields are removed from the node, so a merged-away customer leaves the index.
 */
export type SearchTokens = {
  names: string | null;
  /** Double Metaphone codes of the name tokens. */
  sounds: string | null;
  postcodes: string | null;
  dob: string | null;
  /**
   * The name tokens in clear through the codec's encode, only when the tokens are opaque:
   * search ranks and explains its hits by spelling after decoding (searchNamesOf).
   */
  terms: string | null;
};

/** The tokenKey kinds of the search fields: one token never equals another field's token. */
export const searchTokenKinds = { name: 'search-name', sound: 'search-sound', postcode: 'search-postcode', dob: 'search-dob' } as const;

/** A token is at most this long: longer runs are cut (a name is never 40 letters of one word). */
export const MAX_TOKEN_LENGTH = 40;

const cut = (token: string): string => token.slice(0, MAX_TOKEN_LENGTH);
const joined = (tokens: Iterable<string>): string | null => {
  const list = [...new Set(tokens)].filter((t) => t.length > 0).sort();
  return list.length > 0 ? list.join(' ') : null;
};

/**
 * The name tokens of a text as search compares them: normalized as the matcher
 * normalizes names (lowercase, diacritics folded, apostrophes and hyphens joining).
 * @example nameTokens("José O'Brien-Smith") // ['jose', 'obriensmith']
 */
export function nameTokens(text: string): string[] {
  return normalizeName(text)
    .split(' ')
    .filter((t) => t.length > 0)
    .map(cut);
}

/** Shorter names share codes too often to search by sound (Jane and John are both JN). */
export const MIN_SOUND_LENGTH = 5;

/** The phonetic tokens of a name token, lowercase; none for short tokens. @example soundTokens('smith') // ['sm0', 'xmt'] */
export const soundTokens = (token: string): string[] =>
  token.length >= MIN_SOUND_LENGTH && /\p{L}/u.test(token) ? phoneticCodes(token).map((c) => cut(c.toLowerCase())) : [];

/** A postcode as one token: its country's form without spaces or hyphens. @example postcodeToken('sw1a 1aa') // 'sw1a1aa' */
export function postcodeToken(raw: string, country?: string): string | null {
  const code = normalizePostcode(raw, country) ?? normalizePostcode(raw, undefined);
  if (!code) return null;
  const token = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return token.length > 0 ? cut(token) : null;
}

/** A YYYY-MM-DD date as one token. @example dobToken('1985-03-12') // '19850312' */
export const dobToken = (isoDate: string): string | null => (/^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? isoDate.replaceAll('-', '') : null);

/**
 * The one function that derives search tokens from a golden record: the only place a
 * personal value becomes a search token, each through the codec's tokenKey. With opaque
 * tokens the index answers exact names, nicknames, sounds (the recall for typos),
 * postcodes and dates of birth; edit distances are computed after decoding `terms`.
 * `recordNames` are the names the customer's records
 * carry: a maiden name or another source's spelling finds them too, not only the golden
 * value. Null golden record (merged away, no records): no tokens.
 * @example searchTokensOf(golden, [{ given: 'Jane', family: 'Doe' }]).names // 'doe jane'
 */
export function searchTokensOf(golden: GoldenRecord | null, recordNames: readonly PersonName[], codec: ValueCodec): SearchTokens {
  if (!golden) return { names: null, sounds: null, postcodes: null, dob: null, terms: null };
  const a = golden.attributes;
  const names = new Set<string>();
  for (const value of [a.givenName, a.middleName, a.familyName, a.fullName]) {
    if (value) for (const token of nameTokens(value.value)) names.add(token);
  }
  for (const legal of golden.legalNames) for (const token of nameTokens(legal.value)) names.add(token);
  for (const name of recordNames) {
    for (const part of [name.given, name.middle, name.family, name.full]) if (part) for (const token of nameTokens(part)) names.add(token);
  }
  // 'Van der Berg' is also found as 'vanderberg'.
  if (a.familyName) names.add(cut(familyKey(a.familyName.value)));
  // 'Bill' is also found by 'William': its canonical given names.
  if (a.givenName) for (const canonical of canonicalGivenNames(a.givenName.value)) for (const token of nameTokens(canonical)) names.add(token);
  const sounds = [...names].flatMap(soundTokens);
  const postcodes = golden.addresses.flatMap((address) => {
    const token = address.address.postcode ? postcodeToken(address.address.postcode, address.address.country ?? undefined) : null;
    return token ? [token] : [];
  });
  const dob = a.dateOfBirth ? dobToken(a.dateOfBirth.value) : null;
  const keyed = (kind: string, tokens: Iterable<string>) => joined([...tokens].map((t) => codec.tokenKey(kind, t)));
  const clearNames = joined(names);
  return {
    names: keyed(searchTokenKinds.name, names),
    sounds: keyed(searchTokenKinds.sound, sounds),
    postcodes: keyed(searchTokenKinds.postcode, postcodes),
    dob: dob === null ? null : codec.tokenKey(searchTokenKinds.dob, dob),
    terms: codec.opaqueTokens && clearNames !== null ? codec.encode(clearNames) : null,
  };
}

/**
 * A hit's name tokens and their sounds in clear, as matchReasons and ranking read them:
 * the index's own tokens when they are clear, else the encoded `terms` decoded.
 */
export function searchNamesOf(codec: ValueCodec, stored: { names: string | null; sounds: string | null; terms: string | null }): { names: string | null; sounds: string | null } {
  if (!codec.opaqueTokens) return { names: stored.names, sounds: stored.sounds };
  const names = stored.terms === null ? null : codec.decode(stored.terms);
  return { names, sounds: names === null ? null : joined(names.split(' ').flatMap(soundTokens)) };
}
