import { rowsOf } from '../../graph/executor.ts';
import { nodeItemSchema, plainProperties, type ExportSection } from '../export/export-section.ts';

/** Every decision of the person's records and of their customers (direct decisions), oldest given first. */
const CONSENT_DECISIONS = `
CALL () {
  UNWIND $keys AS k
  MATCH (r:SourceRecord {key: k}) USING INDEX SEEK r:SourceRecord(key)
  MATCH (r)-[:HAS_CONSENT]->(d:ConsentDecision)
  RETURN d, r.key AS heldBy
  UNION
  UNWIND $ids AS id
  MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
  MATCH (c)-[:HAS_CONSENT]->(d:ConsentDecision)
  RETURN d, c.id AS heldBy
}
RETURN properties(d) AS props, heldBy ORDER BY d.givenAt, d.id`;

/**
 * The access export's consent section: the whole history, every decision as stored with
 * the record or customer that holds it. The effective consent is on the customer (the
 * customers section carries it), so the document shows both what was decided and what
 * is applied.
 */
export const consentExportSection: ExportSection = {
  name: 'consent',
  description: 'Every consent decision and objection or do-not-sell flag, from the records and recorded directly, with source, when given, when received and evidence.',
  itemSchema: nodeItemSchema(['id'], { heldBy: { type: 'string' } }),
  async collect(reader, scope) {
    const rows = rowsOf<{ props: Record<string, unknown>; heldBy: string }>(await reader.tx.run(CONSENT_DECISIONS, { keys: scope.recordKeys, ids: scope.customerIds }));
    return rows.map((row) => ({ ...plainProperties(row.props, reader.codec), heldBy: row.heldBy }));
  },
};
