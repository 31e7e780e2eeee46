/**
 * The one seam personal values pass through on their way into and out of Neo4j.
 * Exact lookups use `lookupKey`, never the stored value, so that field-level encryption
 * with keyed-hash lookups can replace this module without touching any query.
 */
export type ValueCodec = {
  /** What is stored for a personal value. */
  encode(plain: string): string;
  /** The plain value back from what was stored. */
  decode(stored: string): string;
  /** The key an identifier is found by: deterministic for (type, normalized value). */
  lookupKey(type: string, normalized: string): string;
  /**
   * What is stored for a value derived from personal data to be found by equality only
   * (a blocking key's value part, a term-frequency key, a search token, a segment
   * property): deterministic for (kind, value), a run of lowercase letters and digits
   * when it hides the value, so that it is one term to the fulltext analyzer too.
   */
  tokenKey(kind: string, value: string): string;
  /**
   * True when tokenKey hides its input: stored tokens then answer equality only, so
   * prefixes, edit distances and ranking by spelling have to be computed after decoding.
   */
  readonly opaqueTokens: boolean;
};

/** Stores values as they are; the key is the type and the normalized value. */
export const plainCodec: ValueCodec = {
  encode: (plain) => plain,
  decode: (stored) => stored,
  lookupKey: (type, normalized) => `${type}:${normalized}`,
  tokenKey: (_kind, value) => value,
  opaqueTokens: false,
};
