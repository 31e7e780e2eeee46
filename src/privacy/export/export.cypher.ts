// The access export's reads: each from the customer (seek on id) or from keys it found,
// expansions only; the time-ordered logs (audit, outbox) from the person's first moment on.

export const EXPORT_SCOPE = `
MATCH (c:Customer {id: $id}) USING INDEX SEEK c:Customer(id)
OPTIONAL MATCH (c)<-[:MERGED_INTO*1..50]-(m:Customer)
WITH c, collect(DISTINCT m) AS merged
WITH c, merged, [(c)<-[:BELONGS_TO]-(r:SourceRecord) | r] AS records
RETURN c.id AS id, [m IN merged | m.id] AS merged,
       [r IN records | {key: r.key, source: r.source, sourceRecordId: r.sourceRecordId}] AS records,
       toString(reduce(s = c.createdAt, t IN [m IN merged | m.createdAt] + [r IN records | r.firstIngestedAt] |
         CASE WHEN t IS NOT NULL AND t < s THEN t ELSE s END)) AS since`;

export const IDENTIFIER_KEYS = `
UNWIND $keys AS k
MATCH (r:SourceRecord {key: k}) USING INDEX SEEK r:SourceRecord(key)
MATCH (r)-[:HAS_IDENTIFIER]->(i)
RETURN DISTINCT i.key AS key`;

export const CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
RETURN properties(c) AS props`;

export const RECORDS = `
UNWIND $keys AS k
MATCH (r:SourceRecord {key: k}) USING INDEX SEEK r:SourceRecord(key)
RETURN properties(r) AS props, [(r)-[b:BELONGS_TO]->(c:Customer) | b {customerId: c.id, .at, .rule, .viaMerge}][0] AS membership,
       [(r)-[:BLOCKED_BY]->(b) | b.key] AS blockingKeys`;

export const IDENTIFIERS = `
UNWIND $keys AS k
MATCH (i:Identifier {key: k}) USING INDEX SEEK i:Identifier(key)
RETURN properties(i) AS props, [(r)-[:HAS_IDENTIFIER]->(i) WHERE r.key IN $recordKeys | r.key] AS records`;

// One page of the interactions of the records and identifiers, in key order after the cursor.
export const INTERACTIONS_PAGE = `
CALL () {
  UNWIND $recordKeys AS k
  MATCH (r:SourceRecord {key: k}) USING INDEX SEEK r:SourceRecord(key)
  MATCH (r)-[:HAD]->(x) WHERE x.key > $after
  RETURN x
  UNION
  UNWIND $identifierKeys AS k
  MATCH (i:Identifier {key: k}) USING INDEX SEEK i:Identifier(key)
  MATCH (i)-[:HAD]->(x) WHERE x.key > $after
  RETURN x
}
WITH x ORDER BY x.key LIMIT $page
RETURN properties(x) AS props, [(h)-[:HAD]->(x) WHERE h.key IN $recordKeys OR h.key IN $identifierKeys | h.key] AS heldBy`;

export const QUALITY_ISSUES = `
UNWIND $keys AS k
MATCH (r:SourceRecord {key: k}) USING INDEX SEEK r:SourceRecord(key)
MATCH (r)-[:HAS_QUALITY_ISSUE]->(q)
RETURN properties(q) AS props, r.key AS recordKey`;

export const ENRICHMENT = `
UNWIND $keys AS k
MATCH (e:Enrichment {identifierKey: k}) USING INDEX SEEK e:Enrichment(identifierKey)
RETURN properties(e) AS props, [(e)-[:SUPERSEDED]->(v) | properties(v)] AS versions`;

export const HOUSEHOLDS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
MATCH (c)-[m:MEMBER_OF]->(h)
RETURN properties(h) AS props, properties(m) AS membership, c.id AS customerId`;

export const ORGANISATIONS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
MATCH (c)-[a:AFFILIATED_WITH]->(o)
RETURN properties(o) AS props, properties(a) AS affiliation, c.id AS customerId`;

export const GOLDEN_HISTORY = `
UNWIND $ids AS id
MATCH (g:GoldenChange {customerId: id}) USING INDEX SEEK g:GoldenChange(customerId, attribute)
WHERE g.attribute IS NOT NULL
RETURN properties(g) AS props
ORDER BY g.at`;

// Merges, splits and unmerges that moved the person's records; the merge edges with their reasons.
export const LINEAGE = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
MATCH (c)<-[:MOVED_FROM|MOVED_TO]-(e:LineageEvent)
WITH DISTINCT e
RETURN properties(e) AS props, [(e)-[:MOVED_FROM]->(f) | f.id][0] AS fromCustomer, [(e)-[:MOVED_TO]->(t) | t.id][0] AS toCustomer
ORDER BY e.at`;

export const MERGE_EDGES = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
MATCH (c)-[m:MERGED_INTO]->(s)
RETURN c.id AS customerId, s.id AS into, properties(m) AS props`;

// Steward decisions over the records, and the match evidence between them and others (the
// other record named only when it is the person's too).
export const DECISIONS = `
UNWIND $keys AS k
MATCH (r:SourceRecord {key: k}) USING INDEX SEEK r:SourceRecord(key)
MATCH (r)-[rel:MUST_LINK|SPLIT_SIDE]->(d)
WITH DISTINCT d
RETURN labels(d)[0] AS kind, properties(d) AS props,
       [(x)-[s:MUST_LINK|SPLIT_SIDE]->(d) WHERE x.key IN $keys | {record: x.key, side: s.side}] AS records`;

export const LIFTED_DECISIONS = `
MATCH (d:LiftedDecision)
WHERE any(k IN coalesce(d.recordKeys, []) + coalesce(d.otherKeys, []) WHERE k IN $keys)
RETURN properties(d) AS props`;

export const MATCH_EVIDENCE = `
UNWIND $keys AS k
MATCH (r:SourceRecord {key: k}) USING INDEX SEEK r:SourceRecord(key)
MATCH (r)-[m:MATCHED|CANNOT_LINK]-(o:SourceRecord)
RETURN type(m) AS kind, r.key AS record, CASE WHEN o.key IN $keys THEN o.key END AS otherRecord, properties(m) AS props`;

// A page of the audit trail from the person's first moment on, in (at, id) order: each
// entry's place (the cursor), its content only when it names the person.
export const AUDIT_PAGE = `
MATCH (e:AuditEntry) USING INDEX SEEK e:AuditEntry(at)
WHERE e.at >= datetime($afterAt) AND NOT (e.at = datetime($afterAt) AND e.id <= $afterId)
WITH e ORDER BY e.at, e.id LIMIT $page
RETURN toString(e.at) AS at, e.id AS id,
       CASE WHEN any(x IN e.customerIds WHERE x IN $ids) OR any(x IN e.recordKeys WHERE x IN $keys) THEN properties(e) END AS props`;

export const CHANGE_EVENTS = `
UNWIND $ids AS id
MATCH (e:OutboxEvent {customerId: id}) USING INDEX SEEK e:OutboxEvent(customerId)
RETURN properties(e) AS props,
       COLLECT { MATCH (d:WebhookDelivery {eventId: e.id}) USING INDEX SEEK d:WebhookDelivery(eventId) RETURN properties(d) } AS deliveries
ORDER BY e.at`;

export const REJECTED = `
UNWIND $pairs AS p
MATCH (j:RejectedRecord {source: p.source, sourceRecordId: p.sourceRecordId}) USING INDEX SEEK j:RejectedRecord(source, sourceRecordId)
RETURN properties(j) AS props`;

export const SUPPRESSIONS = `
UNWIND $ids AS id
MATCH (s:SuppressionEntry {customerId: id}) USING INDEX SEEK s:SuppressionEntry(customerId)
RETURN properties(s) AS props`;

export const CALLER_VERIFICATIONS = `
UNWIND $ids AS id
MATCH (v:CallerVerification {customerId: id}) USING INDEX SEEK v:CallerVerification(customerId)
RETURN properties(v) AS props`;

export const PRIVACY_REQUESTS = `
UNWIND $ids AS id
MATCH (r:PrivacyRequest {customerId: id}) USING INDEX SEEK r:PrivacyRequest(customerId)
RETURN properties(r) AS props
ORDER BY r.receivedAt`;
