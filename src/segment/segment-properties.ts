import type { CustomerInputs } from '../golden/golden.service.ts';
import type { GoldenRecord } from '../golden/survivorship.ts';
import { rowsOf, type Tx } from '../graph/executor.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { segmentPropertiesOf } from './attributes.ts';

const GOLDEN_OF_REFRESHED = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
RETURN id, c.golden AS golden`;

const WRITE_SEGMENT_PROPERTIES = `
UNWIND $rows AS row
MATCH (c:Customer {id: row.id}) USING INDEX SEEK c:Customer(id)
SET c.segmentGivenName = row.segmentGivenName, c.segmentFamilyName = row.segmentFamilyName, c.segmentCountry = row.segmentCountry,
    c.segmentPostcode = row.segmentPostcode, c.segmentCity = row.segmentCity`;

/**
 * Writes the golden attributes segments filter on, after a golden refresh and in its
 * transaction: reads back the golden records just written (the refresh hook is given the
 * inputs, not the result), so they can never disagree. Null properties are removed.
 */
export function segmentPropertiesRefresh(codec: ValueCodec) {
  return async (tx: Tx, inputs: readonly CustomerInputs[]): Promise<void> => {
    if (inputs.length === 0) return;
    const rows = rowsOf<{ id: string; golden: string | null }>(await tx.run(GOLDEN_OF_REFRESHED, { ids: inputs.map((i) => i.id) }));
    const props = rows.map((r) => ({ id: r.id, ...segmentPropertiesOf(r.golden ? (JSON.parse(codec.decode(r.golden)) as GoldenRecord) : null) }));
    await tx.run(WRITE_SEGMENT_PROPERTIES, { rows: props });
  };
}
