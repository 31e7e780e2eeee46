import { DomainError } from '../errors/domain-error.ts';
import { normalizeDate } from '../normalize/date.ts';
import { normalizeEmail } from '../normalize/email.ts';
import { canonicalGivenNames } from '../normalize/name.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { dobToken, nameTokens, postcodeToken, searchTokenKinds, soundTokens } from './search-tokens.ts';

export type SearchFilter = { name?: string | null; email?: string | null; phone?: string | null; postcode?: string | null; dateOfBirth?: string | null };
export type SearchInput = { query?: string | null; filter?: SearchFilter | null; first?: number | null; after?: string | null };

/** One name token of the caller's input, with the forms it is searched by. */
export type NameTerm = { token: string; maxEdits: 0 | 1 | 2; sounds: string[]; nicknames: string[] };
export type Cursor = { score: number; id: string };

/** What a search asks the index and the identifiers, planned without a database. */
export type SearchPlan = {
  /** The Lucene query; null when only identifiers (e-mail, phone) were given. */
  lucene: string | null;
  /** Name terms of which at least one must match (free text). */
  anyOf: NameTerm[];
  /** Name terms that must all match (filter.name). */
  allOf: NameTerm[];
  email: string | null;
  /** The phone as typed: the service reads it in the candidate countries. */
  phone: string | null;
  postcode: string | null;
  dob: string | null;
  first: number;
  after: Cursor | null;
};

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 50;
export const MAX_INPUT_LENGTH = 200;
/** Terms beyond these are ignored: a name has few words, and each term costs index work. */
export const MAX_TERMS = 8;

const bad = (field: (string | number)[], clientMessage: string) => new DomainError('BAD_USER_INPUT', `Unusable search input (${field.join('.')})`, { clientMessage, field });

/** Lucene's syntax characters and operator words, escaped so user input is only ever terms. */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
export function escapeLucene(term: string): string {
  const escaped = term.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
  return /^(AND|OR|NOT|TO)$/.test(escaped) ? `\\${escaped}` : escaped;
}

/** How many edits a fuzzy term allows: none for short tokens (they would match too much), then 1, then 2. */
export const maxEditsOf = (token: string): 0 | 1 | 2 => (token.length <= 3 ? 0 : token.length <= 7 ? 1 : 2);

function termsOf(text: string): NameTerm[] {
  return nameTokens(text)
    .slice(0, MAX_TERMS)
    .map((token) => ({
      token,
      maxEdits: /^\p{N}+$/u.test(token) ? 0 : maxEditsOf(token),
      sounds: soundTokens(token),
      nicknames: canonicalGivenNames(token).filter((n) => n !== token && !n.includes(' ')),
    }));
}

/** A search value as the index stores it (the codec's token), escaped. */
const termOf = (codec: ValueCodec, kind: string, value: string): string => escapeLucene(codec.tokenKey(kind, value));

/**
 * One term's clauses: exact (boosted highest), fuzzy, nickname and phonetic forms. A
 * keyed hash has no edit distance: with opaque tokens the fuzzy clause goes, typos are
 * found by their sounds, and the service ranks by spelling after decoding.
 */
function termClause(term: NameTerm, codec: ValueCodec): string {
  const parts = [`searchNames:${termOf(codec, searchTokenKinds.name, term.token)}^4`];
  if (term.maxEdits > 0 && !codec.opaqueTokens) parts.push(`searchNames:${escapeLucene(term.token)}~${term.maxEdits}`);
  for (const nickname of term.nicknames) parts.push(`searchNames:${termOf(codec, searchTokenKinds.name, nickname)}^2`);
  for (const sound of term.sounds) parts.push(`searchSounds:${termOf(codec, searchTokenKinds.sound, sound)}^1.5`);
  return `(${parts.join(' ')})`;
}

const text = (value: string | null | undefined, field: string[]): string | null => {
  if (value == null) return null;
  if (value.length > MAX_INPUT_LENGTH) throw bad(field, `${field.at(-1)} must be at most ${MAX_INPUT_LENGTH} characters`);
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
};

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.score, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && Number.isFinite(value[0]) && typeof value[1] === 'string' && value[1].length <= 100) {
      return { score: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the one message.
  }
  throw bad(['after'], 'after must be an endCursor of this search');
}

/**
 * Plans a search: the free text's name terms (at least one must match), the filter's
 * name terms (all must match), postcode and date of birth as exact index terms, e-mail
 * and phone as exact identifier lookups. Free text holding an '@' is an e-mail, digits
 * only (with + ( ) - . and spaces) a phone. Input with nothing to search by is refused:
 * a search never matches everyone.
 * @example planSearch({ query: 'Jane Smyth' }, plainCodec).lucene // '+((searchNames:jane^4 ...) (searchNames:smyth^4 searchNames:smyth~1 ...))'
 */
export function planSearch(input: SearchInput, codec: ValueCodec): SearchPlan {
  const first = input.first ?? DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw bad(['first'], `first must be 1 to ${MAX_PAGE}`);
  const query = text(input.query, ['query']);
  const filter = input.filter ?? {};
  let email = text(filter.email, ['filter', 'email']);
  let phone = text(filter.phone, ['filter', 'phone']);
  let anyOf: NameTerm[] = [];
  if (query !== null && query.includes('@') && email === null) email = query;
  else if (query !== null && /^\+?[\d\s().-]{6,}$/.test(query) && phone === null) phone = query;
  else if (query !== null) anyOf = termsOf(query);

  const name = text(filter.name, ['filter', 'name']);
  const allOf = name === null ? [] : termsOf(name);
  if (name !== null && allOf.length === 0) throw bad(['filter', 'name'], 'filter.name holds no letters or digits to search by');
  const normalizedEmail = email === null ? null : normalizeEmail(email);
  if (email !== null && normalizedEmail === null) throw bad(filter.email ? ['filter', 'email'] : ['query'], 'not a usable e-mail address');
  const postcodeRaw = text(filter.postcode, ['filter', 'postcode']);
  const postcode = postcodeRaw === null ? null : postcodeToken(postcodeRaw);
  if (postcodeRaw !== null && postcode === null) throw bad(['filter', 'postcode'], 'filter.postcode is not a postcode');
  const dobRaw = text(filter.dateOfBirth, ['filter', 'dateOfBirth']);
  const dobDate = dobRaw === null ? null : normalizeDate(dobRaw);
  const dob = dobDate === null ? null : dobToken(dobDate);
  if (dobRaw !== null && dob === null) throw bad(['filter', 'dateOfBirth'], 'filter.dateOfBirth is not a date (YYYY-MM-DD)');

  if (anyOf.length === 0 && allOf.length === 0 && !normalizedEmail && !phone && !postcode && !dob) {
    throw bad(query !== null ? ['query'] : ['filter'], 'give a query or a filter with something to search by');
  }
  const clauses: string[] = [];
  if (anyOf.length > 0) clauses.push(`+(${anyOf.map((term) => termClause(term, codec)).join(' ')})`);
  for (const term of allOf) clauses.push(`+${termClause(term, codec)}`);
  if (postcode) clauses.push(`+searchPostcodes:${termOf(codec, searchTokenKinds.postcode, postcode)}`);
  if (dob) clauses.push(`+searchDob:${termOf(codec, searchTokenKinds.dob, dob)}`);
  return {
    lucene: clauses.length > 0 ? clauses.join(' ') : null,
    anyOf,
    allOf,
    email: normalizedEmail,
    phone,
    postcode,
    dob,
    first,
    after: input.after ? decodeCursor(input.after) : null,
  };
}
