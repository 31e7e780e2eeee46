// A customer id as asked, the active customer it resolves to (itself, or the end of its
// merge chain), and that customer's creation time.
export const ACTIVE_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
OPTIONAL MATCH (c)-[:MERGED_INTO*1..50]->(s) WHERE s.status = 'active'
WITH id, coalesce(s, c) AS active
RETURN id, active.id AS activeId, active.status AS status, toString(active.createdAt) AS createdAt`;

// Steward decisions that keep two customers apart: a record-level cannot-link, or records
// on opposite sides of a split.
export const RULED_APART = `
MATCH (a:Customer {id: $a}), (b:Customer {id: $b}) USING INDEX SEEK a:Customer(id) USING INDEX SEEK b:Customer(id)
RETURN EXISTS { (a)<-[:BELONGS_TO]-(:SourceRecord)-[:CANNOT_LINK]-(:SourceRecord)-[:BELONGS_TO]->(b) }
    OR EXISTS { MATCH (a)<-[:BELONGS_TO]-(:SourceRecord)-[x:SPLIT_SIDE]->(d:SplitDecision)<-[y:SPLIT_SIDE]-(:SourceRecord)-[:BELONGS_TO]->(b)
                WHERE x.side <> y.side } AS apart`;

export const MOVE_ALL_RECORDS = `
MATCH (loser:Customer {id: $from})<-[b:BELONGS_TO]-(r) USING INDEX SEEK loser:Customer(id)
MATCH (survivor:Customer {id: $into}) USING INDEX SEEK survivor:Customer(id)
DELETE b
CREATE (r)-[:BELONGS_TO {at: datetime(), rule: $rule, viaMerge: $eventId}]->(survivor)
RETURN collect(r.key) AS moved`;

export const MARK_MERGED = `
MATCH (loser:Customer {id: $from}), (survivor:Customer {id: $into}) USING INDEX SEEK loser:Customer(id) USING INDEX SEEK survivor:Customer(id)
SET loser.status = 'merged', loser.mergedInto = survivor.id, loser.updatedAt = datetime(), loser.golden = null
CREATE (loser)-[:MERGED_INTO {at: datetime(), eventId: $eventId}]->(survivor)`;

// Seek hints: on a small database the planner scanned the key index once per key
// (docs/data-model.md, "Query plans").
export const RECORD_MEMBERSHIP = `
UNWIND $keys AS key
OPTIONAL MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
OPTIONAL MATCH (r)-[:BELONGS_TO]->(c)
RETURN key, r IS NOT NULL AS exists, c.id AS customer`;

export const MOVE_RECORDS = `
UNWIND $moves AS m
MATCH (r:SourceRecord {key: m.key}) USING INDEX SEEK r:SourceRecord(key)
MATCH (r)-[b:BELONGS_TO]->(from) WHERE from.id = m.from
MATCH (to:Customer {id: m.to}) USING INDEX SEEK to:Customer(id)
DELETE b
CREATE (r)-[:BELONGS_TO {at: datetime(), rule: $rule}]->(to)`;

export const CREATE_CUSTOMER = `
CREATE (:Customer {id: $id, status: 'active', createdAt: datetime(), updatedAt: datetime()})`;

// A merged-away customer comes back under its own id.
export const REACTIVATE = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
OPTIONAL MATCH (c)-[mi:MERGED_INTO]->()
DELETE mi
SET c.status = 'active', c.mergedInto = null, c.updatedAt = datetime()`;

export const WRITE_SPLIT_DECISION = `
CREATE (d:SplitDecision {id: $id, at: datetime(), by: $by, reason: $reason})
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

export const WRITE_LINEAGE_EVENT = `
MATCH (f:Customer {id: $from}), (t:Customer {id: $to}) USING INDEX SEEK f:Customer(id) USING INDEX SEEK t:Customer(id)
CREATE (e:LineageEvent {id: $id, kind: $kind, at: datetime(), actor: $actor, role: $role, reason: $reason,
                        evidence: $evidence, recordKeys: $recordKeys, undoes: $undoes})
CREATE (e)-[:MOVED_FROM]->(f), (e)-[:MOVED_TO]->(t)`;

// The merge that brought each record to the customer it is in (named on its membership,
// so the lookup costs the same however many merges there were): its "earlier customer".
export const LAST_MERGE_OF_RECORDS = `
UNWIND $keys AS key
OPTIONAL MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
OPTIONAL MATCH (r)-[b:BELONGS_TO]->()
OPTIONAL MATCH (e:LineageEvent {id: b.viaMerge}) USING INDEX SEEK e:LineageEvent(id) WHERE e.kind = 'merge'
OPTIONAL MATCH (e)-[:MOVED_FROM]->(f)
RETURN key, e.id AS event, f.id AS from`;

export const LINEAGE_EVENT = `
MATCH (e:LineageEvent {id: $id})-[:MOVED_FROM]->(f:Customer), (e)-[:MOVED_TO]->(t:Customer) USING INDEX SEEK e:LineageEvent(id)
RETURN e.id AS id, e.kind AS kind, e.recordKeys AS recordKeys, f.id AS from, t.id AS to`;
