import type { GoldenRecord } from '../golden/survivorship.ts';
import type { Tx } from '../graph/executor.ts';
import type { PersonName } from '../ingest/canonical.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { searchTokensOf, type SearchTokens } from '../lookup/search-tokens.ts';
import { segmentPropertiesOf, type SegmentProperties } from '../segment/attributes.ts';
import { WRITE_CUSTOMER_VIEWS } from './view.cypher.ts';

/**
 * The version of the derivations a customer's read properties were computed with: the
 * search tokens (searchTokensOf) and the segment properties (segmentPropertiesOf). Bump it
 * whenever either changes what it derives from the same golden record; every customer
 * stamped with an older version (or none) is then stale, and the REFRESH_VIEW job that the
 * API starts at start-up recomputes them (docs/jobs.md).
 * 2: tokens and segment properties through the codec's tokenKey, and the encoded clear
 * names beside opaque tokens (searchTerms), so a view written in clear is rewritten.
 */
export const VIEW_VERSION = 2;

/** A customer's derived read properties: what search and segments read instead of the golden record (JSON through the codec). */
export type CustomerView = SearchTokens & SegmentProperties;

/** What one customer's view is derived from: its golden record (null: merged away or empty) and the names its records carry. */
export type ViewInput = { id: string; golden: GoldenRecord | null; recordNames: readonly PersonName[] };

/**
 * The one derivation of a customer's read properties, used by the golden refresh and by
 * the REFRESH_VIEW job alike, so that both write the same thing for the same record.
 * Every value goes through the codec (tokenKey, or encode for the clear search names).
 * @example customerViewOf(null, [], plainCodec).names // null: a merged-away customer leaves search and segments
 */
export function customerViewOf(golden: GoldenRecord | null, recordNames: readonly PersonName[], codec: ValueCodec): CustomerView {
  return { ...searchTokensOf(golden, golden ? recordNames : [], codec), ...segmentPropertiesOf(golden, codec) };
}

/** The rows WRITE_CUSTOMER_VIEWS takes, with the version they are stamped with. */
export function customerViewParams(inputs: readonly ViewInput[], codec: ValueCodec): { version: number; rows: Array<{ id: string } & CustomerView> } {
  return { version: VIEW_VERSION, rows: inputs.map((i) => ({ id: i.id, ...customerViewOf(i.golden, i.recordNames, codec) })) };
}

/**
 * Writes the derived read properties of each customer, stamped with VIEW_VERSION in the
 * same SET, inside the caller's transaction (the golden refresh's, or a REFRESH_VIEW page's).
 * Null properties are removed.
 */
export async function writeCustomerViews(tx: Tx, inputs: readonly ViewInput[], codec: ValueCodec): Promise<void> {
  if (inputs.length === 0) return;
  await tx.run(WRITE_CUSTOMER_VIEWS, customerViewParams(inputs, codec));
}
