export const ALL_RECORD_KEYS = 'MATCH (r:SourceRecord) RETURN r.key AS key ORDER BY key';

export const PROFILE_ROWS = `
UNWIND $keys AS key
MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
RETURN key, r.attrs AS attrs, [(r)-[:HAS_IDENTIFIER]->(i:Identifier) | i.type + ':' + i.value] AS ids`;

// The pairs blocking finds, as resolution would: through non-hub blocking keys and identifiers.
export const BLOCKED_PAIRS = `
CALL () {
  MATCH (a:SourceRecord)-[:BLOCKED_BY]->(k:BlockingKey)<-[:BLOCKED_BY]-(b:SourceRecord)
  WHERE a.key < b.key AND NOT k.key STARTS WITH 'tf:' AND COUNT { (k)<-[:BLOCKED_BY]-() } <= $hub
  RETURN a.key AS a, b.key AS b
  UNION
  MATCH (a:SourceRecord)-[:HAS_IDENTIFIER]->(i:Identifier)<-[:HAS_IDENTIFIER]-(b:SourceRecord)
  WHERE a.key < b.key AND COUNT { (i)<-[:HAS_IDENTIFIER]-() } <= $hub
  RETURN a.key AS a, b.key AS b
}
RETURN a, b
LIMIT $max`;
