// Steward decisions: must-link (a merge by a steward), cannot-link (a rejection or
// "different people"), split sides. Each has an id; lifting one keeps it as a
// LiftedDecision node (what it said, who lifted it and why) and removes its effect.

export const WRITE_MUST_LINK = `
CREATE (d:MustLinkDecision {id: $id, at: datetime(), by: $by, role: $role, reason: $reason, eventId: $eventId})
WITH d
UNWIND $keys AS key
MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
CREATE (r)-[:MUST_LINK]->(d)`;

export const WRITE_CANNOT_LINK = `
MATCH (a:SourceRecord {key: $a}) USING INDEX SEEK a:SourceRecord(key)
MATCH (b:SourceRecord {key: $b}) USING INDEX SEEK b:SourceRecord(key)
MERGE (a)-[c:CANNOT_LINK]->(b)
  ON CREATE SET c.id = $id, c.at = datetime(), c.by = $by, c.reason = $reason
WITH a, b, c
OPTIONAL MATCH (a)-[m:MATCHED]->(b)
SET m.status = 'rejected'
RETURN c.id AS id, EXISTS { (a)-[:BELONGS_TO]->(:Customer)<-[:BELONGS_TO]-(b) } AS sameCustomer`;

export const WRITE_SPLIT = `
CREATE (d:SplitDecision {id: $id, at: datetime(), by: $by, reason: $reason, eventIds: $eventIds})
WITH d
CALL (d) {
  UNWIND $a AS key
  MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
  CREATE (r)-[:SPLIT_SIDE {side: 'a'}]->(d)
}
CALL (d) {
  UNWIND $b AS key
  MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
  CREATE (r)-[:SPLIT_SIDE {side: 'b'}]->(d)
}`;

// Must-links that a later decision contradicts: those holding records on both sides of a
// new split, or both records of a new cannot-link. The later decision wins.
export const MUST_LINKS_ACROSS = `
UNWIND $a AS ka
MATCH (ra:SourceRecord {key: ka}) USING INDEX SEEK ra:SourceRecord(key)
// Expanded from the decision to its other record (an EXISTS with rb's label let the
// planner scan the record key index on a small database).
MATCH (ra)-[:MUST_LINK]->(d:MustLinkDecision)<-[:MUST_LINK]-(rb)
WHERE rb.key IN $b
RETURN DISTINCT d.id AS id`;

// A merge by hand across a steward's earlier "apart": the decisions in the way, by id.
export const DECISIONS_APART = `
MATCH (a:Customer {id: $a}) USING INDEX SEEK a:Customer(id)
MATCH (b:Customer {id: $b}) USING INDEX SEEK b:Customer(id)
CALL (a, b) {
  MATCH (a)<-[:BELONGS_TO]-(:SourceRecord)-[c:CANNOT_LINK]-(:SourceRecord)-[:BELONGS_TO]->(b)
  RETURN c.id AS id
  UNION
  MATCH (a)<-[:BELONGS_TO]-(:SourceRecord)-[x:SPLIT_SIDE]->(d:SplitDecision)<-[y:SPLIT_SIDE]-(:SourceRecord)-[:BELONGS_TO]->(b)
  WHERE x.side <> y.side
  RETURN d.id AS id
}
RETURN collect(DISTINCT id) AS ids`;

// Every decision touching a customer's records, and its pins (read from the customer).
export const DECISIONS_OF_CUSTOMER = `
MATCH (c:Customer {id: $id}) USING INDEX SEEK c:Customer(id)
CALL (c) {
  MATCH (c)<-[:BELONGS_TO]-(:SourceRecord)-[:MUST_LINK]->(d:MustLinkDecision)
  WITH DISTINCT d
  RETURN d.id AS id, 'must-link' AS kind, toString(d.at) AS at, d.by AS by, d.reason AS reason,
         [(r)-[:MUST_LINK]->(d) | r.key] AS recordKeys, [] AS otherKeys
  UNION
  MATCH (c)<-[:BELONGS_TO]-(r:SourceRecord)-[x:CANNOT_LINK]-(o:SourceRecord)
  RETURN x.id AS id, 'cannot-link' AS kind, toString(x.at) AS at, x.by AS by, x.reason AS reason, [r.key] AS recordKeys, [o.key] AS otherKeys
  UNION
  MATCH (c)<-[:BELONGS_TO]-(:SourceRecord)-[:SPLIT_SIDE]->(d:SplitDecision)
  WITH DISTINCT d
  RETURN d.id AS id, 'split' AS kind, toString(d.at) AS at, d.by AS by, d.reason AS reason,
         [(r)-[:SPLIT_SIDE {side: 'a'}]->(d) | r.key] AS recordKeys, [(r)-[:SPLIT_SIDE {side: 'b'}]->(d) | r.key] AS otherKeys
}
RETURN id, kind, at, by, reason, recordKeys, otherKeys
ORDER BY at DESC, id`;

export const LIFT_MUST_LINK = `
MATCH (d:MustLinkDecision {id: $id}) USING INDEX SEEK d:MustLinkDecision(id)
OPTIONAL MATCH (r:SourceRecord)-[x:MUST_LINK]->(d)
WITH d, collect(r.key) AS keys, collect(x) AS links
FOREACH (x IN links | DELETE x)
REMOVE d:MustLinkDecision
SET d:LiftedDecision, d.kind = 'must-link', d.recordKeys = keys, d.liftedAt = datetime(), d.liftedBy = $by, d.liftReason = $reason
RETURN d.id AS id, keys AS recordKeys`;

export const LIFT_SPLIT = `
MATCH (d:SplitDecision {id: $id}) USING INDEX SEEK d:SplitDecision(id)
OPTIONAL MATCH (r:SourceRecord)-[x:SPLIT_SIDE]->(d)
WITH d, [k IN collect(CASE WHEN x.side = 'a' THEN r.key END) WHERE k IS NOT NULL] AS sideA,
        [k IN collect(CASE WHEN x.side = 'b' THEN r.key END) WHERE k IS NOT NULL] AS sideB, collect(x) AS links
FOREACH (x IN links | DELETE x)
REMOVE d:SplitDecision
SET d:LiftedDecision, d.kind = 'split', d.recordKeys = sideA, d.otherKeys = sideB, d.liftedAt = datetime(), d.liftedBy = $by, d.liftReason = $reason
RETURN d.id AS id, sideA + sideB AS recordKeys`;

// A lifted cannot-link: the pair can match again, and a rejected review comes back open.
export const LIFT_CANNOT_LINK = `
MATCH (a:SourceRecord)-[c:CANNOT_LINK {id: $id}]->(b:SourceRecord)
CREATE (d:LiftedDecision {id: c.id, kind: 'cannot-link', at: c.at, by: c.by, reason: c.reason, recordKeys: [a.key], otherKeys: [b.key],
                          liftedAt: datetime(), liftedBy: $by, liftReason: $reason})
DELETE c
WITH a, b
OPTIONAL MATCH (a)-[m:MATCHED {status: 'rejected'}]-(b)
SET m.status = 'open'
RETURN $id AS id, [a.key, b.key] AS recordKeys`;

export const LIFTED = `
MATCH (d:LiftedDecision {id: $id}) USING INDEX SEEK d:LiftedDecision(id)
RETURN d.id AS id`;

// For re-resolution: every active must-link, as its records.
export const ALL_MUST_LINKS = `
MATCH (r:SourceRecord)-[:MUST_LINK]->(d:MustLinkDecision)
RETURN d.id AS decision, collect(r.key) AS keys`;
