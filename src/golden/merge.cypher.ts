// Reads of the steward's merge, split and unmerge; every membership write is in
// src/membership/.

// A customer id as asked, the active customer it resolves to (itself, or the end of its
// merge chain), and that customer's creation time: what a preview works from, unlocked.
export const ACTIVE_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
OPTIONAL MATCH (c)-[:MERGED_INTO*1..50]->(s) WHERE s.status = 'active'
WITH id, coalesce(s, c) AS active
RETURN id, active.id AS activeId, active.status AS status, toString(active.createdAt) AS createdAt`;

// Seek hints: on a small database the planner scanned the key index once per key
// (docs/data-model.md, "Query plans").
export const RECORD_MEMBERSHIP = `
UNWIND $keys AS key
OPTIONAL MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
OPTIONAL MATCH (r)-[:BELONGS_TO]->(c)
RETURN key, r IS NOT NULL AS exists, c.id AS customer`;

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
RETURN e.id AS id, e.kind AS kind, e.recordKeys AS recordKeys, f.id AS from, t.id AS to, e.decision AS decision, e.undoneBy AS undoneBy`;

// The split decision a split event made, for events written before events named it: the
// decision whose side a holds exactly the event's records.
export const SPLIT_DECISION_OF_RECORDS = `
MATCH (r:SourceRecord {key: $keys[0]}) USING INDEX SEEK r:SourceRecord(key)
MATCH (r)-[:SPLIT_SIDE {side: 'a'}]->(d:SplitDecision)
WITH d, [(x)-[:SPLIT_SIDE {side: 'a'}]->(d) | x.key] AS sideA
WHERE size(sideA) = size($keys) AND all(k IN sideA WHERE k IN $keys)
RETURN d.id AS id ORDER BY d.at DESC LIMIT 1`;
