// The only Cypher that writes customer membership: BELONGS_TO, MERGED_INTO, customer
// status and lineage events. Callers lock first (LOCK_CUSTOMERS, LOCK_RECORDS), then read
// the state they decide on, then write; every write ends with the invariant check.

// A customer id as asked and the active customer it resolves to (itself, or the end of its
// merge chain), read without locks: the caller locks the answer and checks it again.
export const ACTIVE_OF = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
OPTIONAL MATCH (c)-[:MERGED_INTO*1..50]->(s) WHERE s.status = 'active'
RETURN id, coalesce(s, c).id AS activeId`;

// The write lock of each customer, taken in the order given (sorted by the caller, so two
// changes cannot wait on each other in a cycle), then its state as committed.
export const LOCK_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
SET c.lock = true
REMOVE c.lock
RETURN c.id AS id, c.status AS status, toString(c.createdAt) AS createdAt, COUNT { (c)<-[:BELONGS_TO]-() } AS records`;

// The write lock of each record, in the order given, then the customer it is in.
export const LOCK_RECORDS = `
UNWIND $keys AS key
MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
SET r.lock = true
REMOVE r.lock
RETURN r.key AS key, [(r)-[:BELONGS_TO]->(c:Customer) | c.id] AS customers`;

export const CREATE_CUSTOMERS = `
UNWIND $ids AS id
CREATE (:Customer {id: id, status: 'active', createdAt: datetime(), updatedAt: datetime()})`;

// A record joins a customer, leaving any other. `viaMerge` names the merge that brought it
// (its "earlier customer" for an unmerge), null otherwise.
export const ASSIGN_RECORDS = `
UNWIND $assignments AS a
MATCH (r:SourceRecord {key: a.key}) USING INDEX SEEK r:SourceRecord(key)
MATCH (c:Customer {id: a.customer}) USING INDEX SEEK c:Customer(id)
CALL (r, c) {
  OPTIONAL MATCH (r)-[old:BELONGS_TO]->(other) WHERE other <> c
  DELETE old
}
MERGE (r)-[b:BELONGS_TO]->(c)
  ON CREATE SET b.at = datetime(), b.rule = a.rule, b.viaMerge = a.viaMerge
SET c.updatedAt = datetime()`;

// One shape of a merge: every record of the loser moves to the survivor, the loser keeps
// its node and id and points at the survivor, and a lineage event names what moved.
export const MERGE_CUSTOMERS = `
UNWIND $merges AS m
MATCH (loser:Customer {id: m.from}) USING INDEX SEEK loser:Customer(id)
MATCH (survivor:Customer {id: m.into}) USING INDEX SEEK survivor:Customer(id)
CALL (loser, survivor, m) {
  OPTIONAL MATCH (loser)<-[b:BELONGS_TO]-(r:SourceRecord)
  DELETE b
  WITH r, survivor WHERE r IS NOT NULL
  MERGE (r)-[nb:BELONGS_TO]->(survivor)
  SET nb.at = datetime(), nb.rule = m.rule, nb.viaMerge = m.eventId
  RETURN collect(r.key) AS moved
}
SET loser.status = 'merged', loser.mergedInto = survivor.id, loser.updatedAt = datetime(), loser.golden = null,
    survivor.updatedAt = datetime()
CREATE (loser)-[:MERGED_INTO {at: datetime(), eventId: m.eventId, by: m.by, role: m.role, reason: m.reason}]->(survivor)
CREATE (e:LineageEvent {id: m.eventId, kind: 'merge', at: datetime(), actor: m.by, role: m.role, reason: m.reason,
                        evidence: m.evidence, recordKeys: moved, undoes: m.undoes})
CREATE (e)-[:MOVED_FROM]->(loser), (e)-[:MOVED_TO]->(survivor)
RETURN m.from AS from, moved`;

// Records move from one customer to another (split, unmerge, undo, re-resolution); the
// caller has checked each is in `from`.
export const MOVE_RECORDS = `
UNWIND $moves AS m
MATCH (r:SourceRecord {key: m.key}) USING INDEX SEEK r:SourceRecord(key)
MATCH (r)-[b:BELONGS_TO]->(from) WHERE from.id = m.from
MATCH (to:Customer {id: m.to}) USING INDEX SEEK to:Customer(id)
DELETE b
CREATE (r)-[:BELONGS_TO {at: datetime(), rule: m.rule, viaMerge: m.viaMerge}]->(to)
SET from.updatedAt = datetime(), to.updatedAt = datetime()`;

// A merged-away customer comes back under its own id.
export const REACTIVATE = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
OPTIONAL MATCH (c)-[mi:MERGED_INTO]->()
DELETE mi
SET c.status = 'active', c.mergedInto = null, c.updatedAt = datetime()`;

// A customer left with no records is merged into the one its records went to, so its id
// still answers (an undone split, a re-resolution).
export const RETIRE_EMPTY = `
UNWIND $retire AS m
MATCH (c:Customer {id: m.from}) USING INDEX SEEK c:Customer(id)
MATCH (into:Customer {id: m.into}) USING INDEX SEEK into:Customer(id)
WITH c, into, m WHERE c.status = 'active' AND NOT EXISTS { (c)<-[:BELONGS_TO]-() }
SET c.status = 'merged', c.mergedInto = into.id, c.updatedAt = datetime(), c.golden = null
CREATE (c)-[:MERGED_INTO {at: datetime(), eventId: m.eventId, by: m.by, role: m.role, reason: m.reason}]->(into)`;

export const WRITE_LINEAGE_EVENTS = `
UNWIND $events AS ev
MATCH (f:Customer {id: ev.from}) USING INDEX SEEK f:Customer(id)
MATCH (t:Customer {id: ev.to}) USING INDEX SEEK t:Customer(id)
CREATE (e:LineageEvent {id: ev.id, kind: ev.kind, at: datetime(), actor: ev.actor, role: ev.role, reason: ev.reason,
                        evidence: ev.evidence, recordKeys: ev.recordKeys, undoes: ev.undoes, decision: ev.decision})
CREATE (e)-[:MOVED_FROM]->(f), (e)-[:MOVED_TO]->(t)`;

// An undo names the event it undid on that event, so it cannot be undone twice.
export const MARK_UNDONE = `
MATCH (e:LineageEvent {id: $id}) USING INDEX SEEK e:LineageEvent(id)
SET e.undoneBy = $by`;

// Customers locked as they are, merged or not (an unmerge brings a merged one back).
export const LOCK_EXACT = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
SET c.lock = true
REMOVE c.lock
RETURN c.id AS id, c.status AS status`;

// The invariants, checked inside the transaction that changed them, over what it touched:
// a record in exactly one customer and that one active; a merged-away customer holding no
// records and pointing at exactly one other. Any violation fails the transaction.
export const MEMBERSHIP_VIOLATIONS = `
CALL () {
  UNWIND $keys AS key
  MATCH (r:SourceRecord {key: key}) USING INDEX SEEK r:SourceRecord(key)
  WITH r, [(r)-[:BELONGS_TO]->(c) | c.status] AS statuses
  WHERE size(statuses) <> 1 OR statuses[0] <> 'active'
  RETURN count(r) AS records
}
CALL () {
  UNWIND $ids AS id
  MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
  WITH c WHERE (c.status = 'merged' AND (EXISTS { (c)<-[:BELONGS_TO]-() } OR COUNT { (c)-[:MERGED_INTO]->() } <> 1))
            OR (c.status = 'active' AND EXISTS { (c)-[:MERGED_INTO]->() })
  RETURN count(c) AS customers
}
RETURN records, customers`;
