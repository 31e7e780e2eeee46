// Training reads the whole record space, page by page in key order, so that no query
// and no process holds every record at once.

export const RECORD_COUNT = 'MATCH (r:SourceRecord) RETURN count(r) AS n';

export const RECORD_KEY_PAGE = `
MATCH (r:SourceRecord) WHERE r.key > $after
RETURN r.key AS key ORDER BY key LIMIT $page`;

export const PROFILE_ROWS = `
UNWIND $keys AS key
MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
RETURN key, r.attrs AS attrs, [(r)-[:HAS_IDENTIFIER]->(i:Identifier) | i.type + ':' + i.value] AS ids`;

// Distinct pairs of records sharing an identifier of the rules' types, hubs left out (the
// rules never link through a hub).
export const PAIRS_SHARING = `
MATCH (i:Identifier) WHERE i.type IN $types
WITH i WHERE COUNT { (i)<-[:HAS_IDENTIFIER]-() } <= $hub
MATCH (a:SourceRecord)-[:HAS_IDENTIFIER]->(i)<-[:HAS_IDENTIFIER]-(b:SourceRecord)
WHERE a.key < b.key
RETURN count(DISTINCT [a.key, b.key]) AS pairs`;

// One page of a blocking rule's keys with their records, each with its other non-hub keys
// of the rule, so that a pair sharing several keys is counted at the first one only. A hub
// key (more records than $hub) finds no candidates in resolution and none here.
export const BLOCKING_KEY_PAGE = `
MATCH (k:BlockingKey) WHERE k.key STARTS WITH $prefix AND k.key > $after
WITH k ORDER BY k.key LIMIT $page
WITH k, COUNT { (k)<-[:BLOCKED_BY]-() } AS n
RETURN k.key AS key, CASE WHEN n < 2 OR n > $hub THEN [] ELSE
  [(k)<-[:BLOCKED_BY]-(r:SourceRecord) | {key: r.key, keys: [(r)-[:BLOCKED_BY]->(o:BlockingKey) WHERE o.key STARTS WITH $prefix AND COUNT { (o)<-[:BLOCKED_BY]-() } <= $hub | o.key]}]
END AS members`;

// The same for the identifiers of one type (an `identifier:TYPE` round).
export const IDENTIFIER_PAGE = `
MATCH (i:Identifier) WHERE i.key > $after
WITH i ORDER BY i.key LIMIT $page
WITH i, COUNT { (i)<-[:HAS_IDENTIFIER]-() } AS n
RETURN i.key AS key, CASE WHEN i.type <> $type OR n < 2 OR n > $hub THEN [] ELSE
  [(i)<-[:HAS_IDENTIFIER]-(r:SourceRecord) | {key: r.key, keys: [(r)-[:HAS_IDENTIFIER]->(o:Identifier) WHERE o.type = $type AND COUNT { (o)<-[:HAS_IDENTIFIER]-() } <= $hub | o.key]}]
END AS members`;
