// Records to resolve: those the batch changed, and any not yet in a customer.
export const RECORDS_TO_RESOLVE = `
UNWIND $refs AS ref
MATCH (r:SourceRecord {key: ref.key}) USING INDEX SEEK r:SourceRecord(key)
WITH r, ref, [(r)-[:BELONGS_TO]->(c:Customer) | c.id][0] AS customer
WHERE ref.changed OR customer IS NULL
RETURN r.key AS key, r.attrs AS attrs, customer`;

// Each distinct candidate once per batch: candidates repeat across a batch's records.
export const CANDIDATE_RECORDS = `
UNWIND $keys AS key
MATCH (c:SourceRecord {key: key}) USING INDEX SEEK c:SourceRecord(key)
RETURN key, c.attrs AS attrs, [(c)-[:BELONGS_TO]->(cc:Customer) | cc.id][0] AS customer,
       [(c)-[:HAS_IDENTIFIER]->(ci:Identifier) | ci.type + ':' + ci.value] AS ids`;

export const RECORD_IDENTIFIERS = `
UNWIND $keys AS key
MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
RETURN key, [(r)-[:HAS_IDENTIFIER]->(i:Identifier) | i.type + ':' + i.value] AS ids`;

export const WRITE_BLOCKING_KEYS = `
UNWIND $rows AS row
MATCH (r:SourceRecord {key: row.key}) USING INDEX SEEK r:SourceRecord(key)
CALL (r, row) {
  // No label on b: with one, the planner scanned every BlockingKey for the NOT IN test.
  MATCH (r)-[old:BLOCKED_BY]->(b) WHERE NOT b.key IN row.keys
  DELETE old
  WITH b WHERE NOT EXISTS { (b)--() }
  DELETE b
}
// Only the missing relationships are created: a MERGE of a relationship to a key many
// records of the same transaction share rescans that key's uncommitted relationships each
// time, which made large batches quadratic. The SET takes the record's write lock first,
// so two batches resolving one record cannot both see a key as missing.
CALL (r, row) {
  SET r.blockingKeysAt = timestamp()
  WITH r, row, [(r)-[:BLOCKED_BY]->(have:BlockingKey) | have.key] AS have
  UNWIND [k IN row.keys WHERE NOT k IN have] AS k
  MERGE (b:BlockingKey {key: k})
  CREATE (r)-[:BLOCKED_BY]->(b)
}`;

// Candidates through shared identifiers and blocking keys, never through a hub (a value
// shared by more than $maxDegree records is no evidence). Also the counts behind term
// frequencies, and which of the record's identifiers are hubs.
export const CANDIDATES = `
UNWIND $keys AS key
MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
CALL (r) {
  CALL (r) {
    MATCH (r)-[:HAS_IDENTIFIER]->(i:Identifier)<-[:HAS_IDENTIFIER]-(c:SourceRecord)
    WHERE c <> r AND COUNT { (i)<-[:HAS_IDENTIFIER]-() } <= $maxDegree
    RETURN c, 'identifier:' + i.type AS via
    UNION
    MATCH (r)-[:BLOCKED_BY]->(b)<-[:BLOCKED_BY]-(c:SourceRecord)
    WHERE c <> r AND NOT b.key STARTS WITH 'tf:' AND COUNT { (b)<-[:BLOCKED_BY]-() } <= $maxDegree
    RETURN c, b.key AS via
  }
  WITH c, collect(DISTINCT via) AS vias
  LIMIT $maxCandidates
  RETURN collect({key: c.key, vias: vias}) AS candidates
}
RETURN key, candidates,
  [(r)-[:HAS_IDENTIFIER]->(i:Identifier) | {type: i.type, value: i.value, n: COUNT { (i)<-[:HAS_IDENTIFIER]-() }}] AS identifiers,
  [(r)-[:BLOCKED_BY]->(b) WHERE b.key STARTS WITH 'tf:' | {key: b.key, n: COUNT { (b)<-[:BLOCKED_BY]-() }}] AS frequencies`;

export const RECORD_COUNT = 'MATCH (r:SourceRecord) RETURN count(r) AS n';

// Steward decisions touching the records or customers in play, with each side's customer.
// The hints keep the planner on seeks: with few or no decisions in the database it chose
// an index scan per key, which grew with every record stored (see docs/data-model.md).
export const CANNOT_LINKS = `
CALL () {
  UNWIND $keys AS k
  MATCH (a:SourceRecord {key: k}) USING INDEX SEEK a:SourceRecord(key)
  MATCH (a)-[:CANNOT_LINK]-(b)
  RETURN a, b
  UNION
  UNWIND $customers AS id
  MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
  MATCH (c)<-[:BELONGS_TO]-(a)-[:CANNOT_LINK]-(b)
  RETURN a, b
}
RETURN a.key AS a, [(a)-[:BELONGS_TO]->(x:Customer) | x.id][0] AS aCustomer,
       b.key AS b, [(b)-[:BELONGS_TO]->(y:Customer) | y.id][0] AS bCustomer`;

// Age (the older customer survives a merge) and size (the cluster limit) of the customers in play.
export const CUSTOMER_FACTS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
RETURN c.id AS id, c.createdAt AS createdAt, COUNT { (c)<-[:BELONGS_TO]-() } AS records, c.restricted IS NOT NULL AS restricted`;

// Records on a side of a steward's split, for the records and customers in play.
export const SPLIT_SIDES = `
CALL () {
  UNWIND $keys AS k
  MATCH (r:SourceRecord {key: k}) USING INDEX SEEK r:SourceRecord(key)
  MATCH (r)-[s:SPLIT_SIDE]->(d)
  RETURN k AS unit, d.id AS decision, s.side AS side
  UNION
  UNWIND $customers AS id
  MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
  MATCH (c)<-[:BELONGS_TO]-()-[s:SPLIT_SIDE]->(d)
  RETURN id AS unit, d.id AS decision, s.side AS side
}
RETURN unit, decision, side`;

// One evidence relationship per pair, from the smaller key to the larger. A guard's hold
// lasts only as long as the decision it was made in: heldBack goes when the props lack it.
export const WRITE_EVIDENCE = `
UNWIND $evidence AS e
MATCH (a:SourceRecord {key: e.a}), (b:SourceRecord {key: e.b}) USING INDEX SEEK a:SourceRecord(key) USING INDEX SEEK b:SourceRecord(key)
MERGE (a)-[m:MATCHED]->(b)
SET m += e.props, m.heldBack = e.props.heldBack`;
