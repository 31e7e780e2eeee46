// Erasure in bounded, idempotent steps (erasure.service.ts). Every statement starts from the
// customers in scope (seek on id) or from keys it was given; each deletes at most $batch
// nodes, and the caller repeats it until it reports none.

export const MERGED_SCOPE = `
MATCH (c:Customer {id: $id}) USING INDEX SEEK c:Customer(id)
OPTIONAL MATCH (c)<-[:MERGED_INTO*1..50]-(m:Customer)
RETURN c.id AS id, collect(DISTINCT m.id) AS merged`;

// Marked first: the mark says a customer is being erased until it is gone.
export const MARK_ERASING = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
SET c.erasing = $requestId`;

// The records' (source, id) pairs, and their identifiers with whether someone else holds one too.
export const TOMBSTONE_SOURCES = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
MATCH (c)<-[:BELONGS_TO]-(r:SourceRecord)
RETURN r.key AS key, r.source AS source, r.sourceRecordId AS sourceRecordId,
       [(r)-[:HAS_IDENTIFIER]->(i) | {key: i.key, type: i.type,
         shared: EXISTS { MATCH (i)<-[:HAS_IDENTIFIER]-(o:SourceRecord) WHERE NOT EXISTS { MATCH (o)-[:BELONGS_TO]->(oc) WHERE oc.id IN $ids } }}] AS identifiers`;

export const WRITE_TOMBSTONE = `
UNWIND $rows AS row
MERGE (t:TombstoneKey {key: row.key})
SET t.requestId = $requestId, t.kind = row.kind, t.type = row.type, t.at = datetime(), t.releasedAt = null, t.releasedBy = null`;

// A page of the audit trail in (at, id) order from the person's first moment on: the
// entries naming the customers or records, with what redaction needs.
export const AUDIT_TO_REDACT = `
MATCH (e:AuditEntry) USING INDEX SEEK e:AuditEntry(at)
WHERE e.at >= datetime($afterAt) AND NOT (e.at = datetime($afterAt) AND e.id <= $afterId)
WITH e ORDER BY e.at, e.id LIMIT $page
RETURN toString(e.at) AS at, e.id AS id,
       CASE WHEN any(x IN e.customerIds WHERE x IN $ids) OR any(x IN e.recordKeys WHERE x IN $keys)
         THEN e {.v, .recordKeys, .recordKeySalts, .reason, .reasonSalt, names: any(x IN e.customerIds WHERE x IN $ids)} END AS entry`;

// Only the erasable parts change; the digests the chain covers stay as they are.
export const REDACT_AUDIT = `
UNWIND $rows AS row
MATCH (e:AuditEntry {id: row.id}) USING INDEX SEEK e:AuditEntry(id)
SET e.recordKeys = row.recordKeys, e.recordKeySalts = row.recordKeySalts, e.reason = row.reason, e.reasonSalt = row.reasonSalt,
    e.erasedBy = $requestId`;

export const DELETE_RECORD_INTERACTIONS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
MATCH (c)<-[:BELONGS_TO]-(:SourceRecord)-[:HAD]->(x)
WITH DISTINCT x LIMIT $batch
DETACH DELETE x
RETURN count(*) AS deleted`;

// Activity hanging off identifiers only the person holds (anonymous activity that followed them).
export const DELETE_IDENTIFIER_INTERACTIONS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
MATCH (c)<-[:BELONGS_TO]-(:SourceRecord)-[:HAS_IDENTIFIER]->(i)-[:HAD]->(x)
WHERE NOT EXISTS { MATCH (i)<-[:HAS_IDENTIFIER]-(o:SourceRecord) WHERE NOT EXISTS { MATCH (o)-[:BELONGS_TO]->(oc) WHERE oc.id IN $ids } }
WITH DISTINCT x LIMIT $batch
DETACH DELETE x
RETURN count(*) AS deleted`;

// A batch of records, with what deleting them may leave orphaned.
export const RECORD_BATCH = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
MATCH (c)<-[:BELONGS_TO]-(r:SourceRecord)
WITH r LIMIT $batch
RETURN r.key AS key, r.source AS source, r.sourceRecordId AS sourceRecordId,
       [(r)-[:BLOCKED_BY]->(b) | b.key] AS blockingKeys, [(r)-[:HAS_IDENTIFIER]->(i) | i.key] AS identifierKeys,
       [(r)-[:MUST_LINK|SPLIT_SIDE]->(d) | d.id] AS decisionIds`;

export const DELETE_RECORDS = `
UNWIND $keys AS k
MATCH (r:SourceRecord {key: k}) USING INDEX SEEK r:SourceRecord(key)
OPTIONAL MATCH (r)-[:HAS_QUALITY_ISSUE]->(q)
DETACH DELETE q
WITH DISTINCT r
OPTIONAL MATCH (r)-[:HAS_CONSENT]->(d:ConsentDecision)
DETACH DELETE d
WITH DISTINCT r
DETACH DELETE r
RETURN count(*) AS deleted`;

export const DELETE_REJECTED = `
UNWIND $pairs AS p
MATCH (j:RejectedRecord {source: p.source, sourceRecordId: p.sourceRecordId}) USING INDEX SEEK j:RejectedRecord(source, sourceRecordId)
DETACH DELETE j`;

// Nothing references them any more: a blocking key, an identifier (with its enrichment), a steward decision.
export const DELETE_ORPHANS = `
CALL () {
  UNWIND $blockingKeys AS k
  MATCH (b:BlockingKey {key: k}) USING INDEX SEEK b:BlockingKey(key)
  WHERE NOT EXISTS { (b)--() }
  DELETE b
  RETURN count(*) AS blocking
}
CALL () {
  UNWIND $identifierKeys AS k
  MATCH (i:Identifier {key: k}) USING INDEX SEEK i:Identifier(key)
  WHERE NOT EXISTS { (i)--() }
  OPTIONAL MATCH (e:Enrichment {identifierKey: k})
  OPTIONAL MATCH (e)-[:SUPERSEDED]->(v)
  DETACH DELETE v, e
  WITH DISTINCT i
  DELETE i
  RETURN count(*) AS identifiers
}
CALL () {
  UNWIND $decisionIds AS d
  MATCH (x:MustLinkDecision {id: d}) USING INDEX SEEK x:MustLinkDecision(id)
  WHERE NOT EXISTS { (x)--() }
  DELETE x
  RETURN count(*) AS mustLinks
}
CALL () {
  UNWIND $decisionIds AS d
  MATCH (x:SplitDecision {id: d}) USING INDEX SEEK x:SplitDecision(id)
  WHERE NOT EXISTS { (x)--() }
  DELETE x
  RETURN count(*) AS splits
}
CALL () {
  MATCH (d:LiftedDecision)
  WHERE any(k IN coalesce(d.recordKeys, []) + coalesce(d.otherKeys, []) WHERE k IN $recordKeys)
  SET d.recordKeys = [k IN coalesce(d.recordKeys, []) WHERE NOT k IN $recordKeys], d.otherKeys = [k IN coalesce(d.otherKeys, []) WHERE NOT k IN $recordKeys]
  WITH d WHERE size(d.recordKeys) = 0 AND size(d.otherKeys) = 0
  DETACH DELETE d
  RETURN count(*) AS lifted
}
RETURN blocking, identifiers, mustLinks + splits AS decisions, lifted`;

export const DELETE_GOLDEN_HISTORY = `
UNWIND $ids AS id
MATCH (g:GoldenChange {customerId: id}) USING INDEX SEEK g:GoldenChange(customerId, attribute)
WHERE g.attribute IS NOT NULL
WITH g LIMIT $batch
DELETE g
RETURN count(*) AS deleted`;

// The customers last: their lineage, direct consent decisions, lists, verifications, then the nodes (search tokens and
// segment values are their properties), and households or organisations no one is left in.
export const DELETE_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
OPTIONAL MATCH (c)<-[:MOVED_FROM|MOVED_TO]-(e:LineageEvent)
DETACH DELETE e
WITH DISTINCT c, id
OPTIONAL MATCH (c)-[:HAS_CONSENT]->(d:ConsentDecision)
DETACH DELETE d
WITH DISTINCT c, id
OPTIONAL MATCH (s:SuppressionEntry {customerId: id})
DELETE s
WITH DISTINCT c, id
OPTIONAL MATCH (v:CallerVerification {customerId: id})
DELETE v
WITH DISTINCT c
WITH c, [(c)-[:MEMBER_OF|AFFILIATED_WITH]->(h) | elementId(h)] AS groups
DETACH DELETE c
WITH groups
UNWIND groups AS g
WITH DISTINCT g
MATCH (h) WHERE elementId(h) = g AND NOT EXISTS { (h)--() }
DELETE h
RETURN count(*) AS groups`;
