export const RECORDS_BY_KEY = `
UNWIND $keys AS key
MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
RETURN r.key AS key, r.source AS source, r.sourceRecordId AS sourceRecordId, r.updatedAt AS updatedAt, r.attrs AS attrs`;

export const IDENTIFIERS_OF_RECORDS = `
UNWIND $keys AS key
MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
RETURN key, [(r)-[:HAS_IDENTIFIER]->(i:Identifier) | i {.key, .type, .value}] AS identifiers`;

export const INTERACTIONS_OF_RECORDS = `
UNWIND range(0, size($requests) - 1) AS index
WITH index, $requests[index] AS req
MATCH (r:SourceRecord {key: req.key}) USING INDEX SEEK r:SourceRecord(key)
CALL (r, req) {
  CALL (r) {
    MATCH (r)-[:HAD]->(x:Interaction) RETURN x
    UNION
    MATCH (r)-[:HAS_IDENTIFIER]->(:Identifier)-[:HAD]->(x:Interaction) RETURN x
  }
  WITH x ORDER BY x.occurredAt DESC, x.key
  WITH collect(x {.*}) AS all
  RETURN all[..req.first] AS interactions
}
RETURN index, interactions`;

// A hub identifier (a shared info@ address) would link everyone; stop at a degree cap.
export const LINKED_RECORDS = `
UNWIND $keys AS key
MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
OPTIONAL MATCH (r)-[:HAS_IDENTIFIER]->(i:Identifier)
WHERE COUNT { (i)<-[:HAS_IDENTIFIER]-() } <= $maxDegree
OPTIONAL MATCH (i)<-[:HAS_IDENTIFIER]-(other:SourceRecord)
WHERE other <> r
WITH key, collect(DISTINCT other.key) AS keys
RETURN key, keys[..$limit] AS linked`;

export const RECORDS_OF_IDENTIFIER = `
MATCH (i:Identifier {key: $key}) USING INDEX SEEK i:Identifier(key)
RETURN i.key AS key, i.type AS type, i.value AS value,
       [(i)<-[:HAS_IDENTIFIER]-(r:SourceRecord) | r.key][..$limit] AS recordKeys`;
