// (:ConsentDecision {id, topic, channel, value, givenAt (epoch ms, the subject's time), receivedAt (datetime, ours),
//   source, recordKey | customerId, evidence, recordedBy}): append-only, never updated (migration 0026).
// A record's decisions hang off the record, (r)-[:HAS_CONSENT]->(d), so they follow it through
// merges, splits and unmerges; a direct decision hangs off the customer it was recorded on.

// A decision already stored (the same record sent again) is matched by its digest id and left as it is.
export const WRITE_RECORD_CONSENTS = `
UNWIND $rows AS row
MATCH (r:SourceRecord {key: row.key}) USING INDEX SEEK r:SourceRecord(key)
WITH r, row
UNWIND row.consents AS x
MERGE (d:ConsentDecision {id: x.id})
  ON CREATE SET d.topic = x.topic, d.channel = x.channel, d.value = x.value, d.givenAt = x.givenAt, d.evidence = x.evidence,
                d.source = r.source, d.recordKey = r.key, d.receivedAt = datetime(), d.recordedBy = $actor
MERGE (r)-[:HAS_CONSENT]->(d)`;

const DECISION = `d {.id, .topic, .channel, .value, .givenAt, .source, .evidence, .recordedBy, receivedAt: d.receivedAt.epochMillis`;

// Every decision behind a customer: those of its records, and those recorded directly on
// it or on a customer merged into it (an unmerge takes those back with the customer).
// WITH makes each expansion start from what is bound: on a small database the planner
// otherwise scanned every HAS_CONSENT relationship (test/query-plans.int.test.ts).
export const CONSENT_INPUTS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
RETURN id, c.status AS status, c.consentState AS stored,
  COLLECT { MATCH (c)<-[:BELONGS_TO]-(r:SourceRecord) WITH r MATCH (r)-[:HAS_CONSENT]->(d:ConsentDecision)
            RETURN ${DECISION}, recordKey: r.key, customerId: null} } +
  COLLECT { MATCH (c)<-[:MERGED_INTO*0..50]-(m:Customer) WITH m MATCH (m)-[:HAS_CONSENT]->(d:ConsentDecision)
            RETURN ${DECISION}, recordKey: null, customerId: m.id} } AS decisions`;

// The effective consent, beside the golden record: exports and webhooks read these, never the history.
export const WRITE_CUSTOMER_CONSENT = `
UNWIND $rows AS row
MATCH (c:Customer {id: row.id}) USING INDEX SEEK c:Customer(id)
SET c.consentGranted = row.granted, c.consentDenied = row.denied, c.consentObjection = row.objection,
    c.consentDoNotSell = row.doNotSell, c.consentState = row.state, c.consentAt = datetime()`;

export const WRITE_DIRECT_CONSENT = `
MATCH (c:Customer {id: $customerId}) USING INDEX SEEK c:Customer(id)
CREATE (c)-[:HAS_CONSENT]->(:ConsentDecision {id: $id, topic: $topic, channel: $channel, value: $value, givenAt: $givenAt,
  evidence: $evidence, source: $source, customerId: c.id, receivedAt: datetime(), recordedBy: $actor})`;

// Whether a source's key speaks for this customer: one of its records is in it.
export const HOLDS_RECORD_OF = `
MATCH (c:Customer {id: $id}) USING INDEX SEEK c:Customer(id)
RETURN EXISTS { MATCH (c)<-[:BELONGS_TO]-(r:SourceRecord) WHERE r.source = $source } AS holds`;

export const EFFECTIVE_CONSENT_OF = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
RETURN id, c.consentState AS state, toString(c.consentAt) AS at`;

/**
 * Whether the active customer \`a\` may be sent to a destination of \`purpose\` (null: an
 * internal destination, always). MARKETING: no objection, and marketing granted on some
 * channel unless the deployment allows marketing without a decision. THIRD_PARTY_SHARING:
 * no do-not-sell and sharing granted. Parameters: $allowWithoutDecision.
 */
export const consentAllows = (a: string, purpose: string) => `(${purpose} IS NULL
  OR (${purpose} = 'MARKETING' AND NOT coalesce(${a}.consentObjection, false)
      AND ($allowWithoutDecision OR any(k IN coalesce(${a}.consentGranted, []) WHERE k STARTS WITH 'MARKETING:')))
  OR (${purpose} = 'THIRD_PARTY_SHARING' AND NOT coalesce(${a}.consentDoNotSell, false)
      AND any(k IN coalesce(${a}.consentGranted, []) WHERE k STARTS WITH 'THIRD_PARTY_SHARING:')))`;
