import type { GoldenRecord } from '../golden/survivorship.ts';
import type { Tx } from '../graph/executor.ts';
import { segmentPropertiesOf } from './attributes.ts';

const WRITE_SEGMENT_PROPERTIES = `
UNWIND $rows AS row
MATCH (c:Customer {id: row.id}) USING INDEX SEEK c:Customer(id)
SET c.segmentGivenName = row.segmentGivenName, c.segmentFamilyName = row.segmentFamilyName, c.segmentCountry = row.segmentCountry,
    c.segmentPostcode = row.segmentPostcode, c.segmentCity = row.segmentCity`;

/**
 * Writes the golden attributes segments filter on, after a golden refresh and in its
 * transaction, from the golden records the refresh just computed. Null properties are removed.
 */
export async function writeSegmentProperties(tx: Tx, golden: ReadonlyMap<string, GoldenRecord | null>): Promise<void> {
  if (golden.size === 0) return;
  const rows = [...golden].map(([id, record]) => ({ id, ...segmentPropertiesOf(record) }));
  await tx.run(WRITE_SEGMENT_PROPERTIES, { rows });
}
