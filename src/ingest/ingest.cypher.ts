// Newer wins by the source's clock; an exact replay changes nothing; two versions with
// the same clock are ordered by content hash so concurrent imports converge. A source
// without a clock (updatedAt 0, e.g. a CSV export with no modified column) has no order
// to respect: the last import wins. `qualityIssueCount` (absent when none) tells the
// writer which stored versions had data-quality issues to replace, without a lookup.
export const UPSERT_RECORDS = `
UNWIND $rows AS row
MERGE (r:SourceRecord {key: row.key})
  ON CREATE SET r.source = row.source, r.sourceRecordId = row.sourceRecordId, r.firstIngestedAt = datetime()
WITH r, row, r.updatedAt IS NULL AS created, r.qualityIssueCount IS NOT NULL AS hadIssues,
     r.updatedAt IS NULL OR row.updatedAt > r.updatedAt
     OR (row.updatedAt = r.updatedAt AND row.contentHash <> r.contentHash
         AND (row.updatedAt = 0 OR row.contentHash > r.contentHash)) AS newer
FOREACH (_ IN CASE WHEN newer THEN [1] ELSE [] END |
  SET r.updatedAt = row.updatedAt, r.contentHash = row.contentHash, r.attrs = row.attrs,
      r.qualityIssueCount = CASE WHEN size(row.qualityIssues) > 0 THEN size(row.qualityIssues) END,
      r.lastIngestedAt = datetime())
RETURN row.key AS key, created, newer AS changed, hadIssues`;

// Flat statements rather than nested subqueries: the interpreted runtime of Neo4j
// Community pays per operator row, and these do only the work a batch needs.
export const LINK_NEW_RECORDS_TO_SOURCE = `
MATCH (s:Source {name: $source})
UNWIND $keys AS key
MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
CREATE (r)-[:FROM]->(s)`;

// An identifier no record carries and no interaction hangs off is deleted: keeping it
// would hold personal data nobody has, and make the graph depend on arrival order.
// No label on i and a seek hint on r: otherwise the planner scanned every Identifier, or
// every record, for the NOT IN test.
export const DROP_STALE_IDENTIFIERS = `
UNWIND $rows AS row
MATCH (r:SourceRecord {key: row.key}) USING INDEX SEEK r:SourceRecord(key)
MATCH (r)-[old:HAS_IDENTIFIER]->(i)
WHERE NOT i.key IN row.identifierKeys
DELETE old
WITH DISTINCT i
WHERE NOT EXISTS { (i)--() }
DELETE i`;

export const LINK_IDENTIFIERS = `
UNWIND $links AS l
MERGE (i:Identifier {key: l.key})
  ON CREATE SET i.type = l.type, i.value = l.value
WITH i, l
MATCH (r:SourceRecord {key: l.record}) USING INDEX SEEK r:SourceRecord(key)
MERGE (r)-[:HAS_IDENTIFIER]->(i)`;

export const UPSERT_INTERACTIONS = `
UNWIND $rows AS x
OPTIONAL MATCH (existing:Interaction {key: x.key}) USING INDEX SEEK existing:Interaction(key)
WITH x, existing.sourceUpdatedAt AS before
MERGE (i:Interaction {key: x.key})
  ON CREATE SET i += x.props, i.sourceUpdatedAt = x.updatedAt
WITH i, x, before IS NULL OR x.updatedAt > before AS changed
CALL (i, x) {
  WITH i, x WHERE x.updatedAt > i.sourceUpdatedAt
  SET i += x.props, i.sourceUpdatedAt = x.updatedAt
}
CALL (i, x) {
  WITH i, x WHERE x.recordKey IS NOT NULL
  MATCH (r:SourceRecord {key: x.recordKey}) USING INDEX SEEK r:SourceRecord(key)
  MERGE (r)-[:HAD]->(i)
}
CALL (i, x) {
  WITH i, x WHERE x.via IS NOT NULL
  MERGE (id:Identifier {key: x.via.key})
    ON CREATE SET id.type = x.via.type, id.value = x.via.value
  MERGE (id)-[:HAD]->(i)
}
RETURN x.key AS key, changed`;

// The same bad payload from the same source is one rejection, seen again: open again, with
// its payload kept again, if it was replayed or resolved since. One a steward dismissed
// stays dismissed.
export const STORE_REJECTIONS = `
UNWIND $rows AS x
MERGE (j:RejectedRecord {id: x.id})
  ON CREATE SET j.source = x.source, j.payloadBytes = x.payloadBytes,
                j.payloadTruncated = x.payloadTruncated, j.firstSeenAt = datetime(), j.timesSeen = 0
WITH j, x, j.status = 'dismissed' AS dismissed
SET j.batchId = x.batchId, j.position = x.position, j.sourceRecordId = x.sourceRecordId,
    j.field = x.field, j.reason = x.reason, j.code = x.code,
    j.status = CASE WHEN dismissed THEN 'dismissed' ELSE 'open' END,
    j.payload = CASE WHEN dismissed THEN null ELSE x.payload END,
    j.replayedAt = null, j.resolvedAt = null, j.supersededBy = null,
    j.lastSeenAt = datetime(), j.timesSeen = j.timesSeen + 1`;
