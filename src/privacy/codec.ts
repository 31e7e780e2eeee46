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
};

/** Stores values as they are; the key is the type and the normalized value. */
export const plainCodec: ValueCodec = {
  encode: (plain) => plain,
  decode: (stored) => stored,
  lookupKey: (type, normalized) => `${type}:${normalized}`,
};
