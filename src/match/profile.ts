/**
 * What the matching engine compares: a record's person reduced to normalized features.
 * Built from a canonical person by `profileOf` (src/match/profile-of.ts); every list is
 * deduplicated and may be empty (a missing value compares as neutral, never as a
 * disagreement).
 */
export type MatchProfile = {
  /** Given names, normalized (lowercase, no diacritics or punctuation), e.g. ['william']. */
  given: string[];
  /** Canonical forms of the given names through the nickname table, e.g. 'bill' -> ['william']. */
  givenCanonical: string[];
  /** Family names, normalized; particles kept joined ('van der berg' -> 'vanderberg'). */
  family: string[];
  /** Date of birth as YYYY-MM-DD, or null. */
  dob: string | null;
  /** Normalized emails (provider rules applied). */
  emails: string[];
  /** Phones in E.164. */
  phones: string[];
  /** Postcodes normalized per country (uppercase, single space where the country uses one). */
  postcodes: string[];
  /** First address line normalized: abbreviations expanded, unit numbers separated, e.g. '12 quillfeather lane'. */
  streets: string[];
  /** Cities, normalized. */
  cities: string[];
  /** ISO country codes of the addresses. */
  countries: string[];
  /** Strong identifiers as 'type:value' (national_id, tax_id, account/customer/loyalty numbers, user_id). */
  ids: string[];
};
