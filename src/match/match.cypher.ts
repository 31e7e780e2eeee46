export const PAIR_RECORDS = `
UNWIND $keys AS key
MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
RETURN key, r.attrs AS attrs,
  [(r)-[:HAS_IDENTIFIER]->(i:Identifier) | i.type + ':' + i.value] AS ids,
  [(r)-[:HAS_IDENTIFIER]->(i:Identifier) | {type: i.type, value: i.value, n: COUNT { (i)<-[:HAS_IDENTIFIER]-() }}] AS identifiers,
  [(r)-[:BLOCKED_BY]->(b:BlockingKey) WHERE b.key STARTS WITH 'tf:' | {key: b.key, n: COUNT { (b)<-[:BLOCKED_BY]-() }}] AS frequencies,
  [(r)-[:BELONGS_TO]->(c:Customer) | c.id][0] AS customer`;

// What resolution stored for each pair (a < b); no row for a pair it never scored.
export const STORED_EVIDENCE = `
UNWIND $pairs AS p
MATCH (a:SourceRecord {key: p.a})-[m:MATCHED]->(b:SourceRecord {key: p.b}) USING INDEX SEEK a:SourceRecord(key) USING INDEX SEEK b:SourceRecord(key)
RETURN p.a AS a, p.b AS b, m {.*} AS evidence`;

// Open reviews: still in different customers and not ruled apart by a steward.
export const REVIEW_QUEUE = `
MATCH (a:SourceRecord)-[m:MATCHED {decision: 'review', status: 'open'}]->(b:SourceRecord)
WHERE NOT EXISTS { (a)-[:BELONGS_TO]->(:Customer)<-[:BELONGS_TO]-(b) }
  AND NOT EXISTS { (a)-[:CANNOT_LINK]-(b) }
RETURN a.key AS aKey, b.key AS bKey, m.probability AS probability, m.modelVersion AS modelVersion, m.decidedAt AS decidedAt, m.heldBack AS heldBack, m.blockedBy AS blockedBy
ORDER BY m.probability DESC, a.key, b.key
LIMIT $first`;

export const CROSSWALK = `
MATCH (r:SourceRecord)-[:BELONGS_TO]->(c:Customer) USING INDEX SEEK r:SourceRecord(key)
WHERE r.key > coalesce($after, '') AND ($source IS NULL OR r.source = $source)
RETURN r.key AS cursor, r.source AS source, r.sourceRecordId AS sourceRecordId, c.id AS customerId
ORDER BY r.key
LIMIT $first`;
