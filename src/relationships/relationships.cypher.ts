// Households and organisations of customers, rewritten from their records in the
// transaction that changed the records' membership (golden refresh). Rows come sorted by
// key so concurrent refreshes take node locks in one order.

// Edges to households the customer's records no longer place it in go; a household no
// customer is left in goes with them.
export const DROP_STALE_MEMBERSHIPS = `
UNWIND $rows AS row
MATCH (c:Customer {id: row.id}) USING INDEX SEEK c:Customer(id)
MATCH (c)-[m:MEMBER_OF]->(h)
WHERE NOT h.key IN row.keys
DELETE m
WITH DISTINCT h
WHERE NOT EXISTS { (h)<-[:MEMBER_OF]-() }
DELETE h`;

export const WRITE_MEMBERSHIPS = `
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId}) USING INDEX SEEK c:Customer(id)
MERGE (h:Household {key: row.key})
  ON CREATE SET h.id = row.id, h.kind = row.kind, h.value = row.value, h.createdAt = datetime()
MERGE (c)-[m:MEMBER_OF]->(h)
SET m.records = row.recordKeys`;

export const DROP_STALE_AFFILIATIONS = `
UNWIND $rows AS row
MATCH (c:Customer {id: row.id}) USING INDEX SEEK c:Customer(id)
MATCH (c)-[a:AFFILIATED_WITH]->(o)
WHERE NOT (o.key + '|' + a.role) IN row.keys
DELETE a
WITH DISTINCT o
WHERE NOT EXISTS { (o)<-[:AFFILIATED_WITH]-() }
DELETE o`;

export const WRITE_AFFILIATIONS = `
UNWIND $rows AS row
MATCH (c:Customer {id: row.customerId}) USING INDEX SEEK c:Customer(id)
MERGE (o:Organisation {key: row.key})
  ON CREATE SET o.id = row.id, o.name = row.name, o.createdAt = datetime()
MERGE (c)-[a:AFFILIATED_WITH {role: row.role}]->(o)
SET a.sources = row.sources, a.records = row.recordKeys`;

// The household of each customer: of the households it is in that hold two to $hubLimit
// customers, an address before a landline, then the largest. Its evidence is every
// address or landline (not a hub) that two or more of its members share.
export const HOUSEHOLD_OF = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
CALL (c) {
  MATCH (c)-[:MEMBER_OF]->(h)
  WITH h, COUNT { (h)<-[:MEMBER_OF]-() } AS size
  WHERE size >= 2 AND size <= $hubLimit
  RETURN h ORDER BY CASE h.kind WHEN 'address' THEN 0 ELSE 1 END, size DESC, h.key LIMIT 1
}
MATCH (h)<-[:MEMBER_OF]-(member)
WITH id, h, collect(member) AS members
CALL (h, members) {
  UNWIND members AS member
  MATCH (member)-[e:MEMBER_OF]->(shared)
  WITH shared, collect(e) AS edges
  WHERE size(edges) >= 2 AND COUNT { (shared)<-[:MEMBER_OF]-() } <= $hubLimit
  WITH shared, reduce(keys = [], e IN edges | keys + e.records) AS records ORDER BY shared.kind, shared.key
  RETURN collect({kind: shared.kind, value: shared.value, records: records}) AS evidence
}
RETURN id, h.id AS householdId, [m IN members | m.id] AS members, evidence`;

export const ORGANISATIONS_OF = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
MATCH (c)-[a:AFFILIATED_WITH]->(o)
RETURN id, o.id AS organisationId, o.name AS name, a.role AS role, a.sources AS sources
ORDER BY id, o.name, a.role`;

// One level of the identity graph: everything around each customer of the frontier, and
// the customers one shared identifier, household or organisation away (hubs not followed:
// their degree is read, their members are not).
export const NEIGHBOURHOOD = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
RETURN c.id AS id, c.status AS status,
  [(c)<-[:BELONGS_TO]-(r:SourceRecord) | {key: r.key, source: r.source, sourceRecordId: r.sourceRecordId,
    identifiers: [(r)-[:HAS_IDENTIFIER]->(i) | {key: i.key, type: i.type, value: i.value, degree: COUNT { (i)<-[:HAS_IDENTIFIER]-() },
      others: CASE WHEN COUNT { (i)<-[:HAS_IDENTIFIER]-() } > $hubDegree THEN []
              ELSE [(i)<-[:HAS_IDENTIFIER]-(r2)-[:BELONGS_TO]->(c2) WHERE c2 <> c | {key: r2.key, source: r2.source, sourceRecordId: r2.sourceRecordId, customerId: c2.id}] END}]}] AS records,
  [(c)-[m:MEMBER_OF]->(h) | {id: h.id, kind: h.kind, value: h.value, records: m.records, size: COUNT { (h)<-[:MEMBER_OF]-() },
    others: CASE WHEN COUNT { (h)<-[:MEMBER_OF]-() } > $hubLimit THEN []
            ELSE [(h)<-[m2:MEMBER_OF]-(c2) WHERE c2 <> c | {customerId: c2.id, records: m2.records}] END}] AS households,
  [(c)-[a:AFFILIATED_WITH]->(o) | {id: o.id, name: o.name, role: a.role, size: COUNT { (o)<-[:AFFILIATED_WITH]-() },
    others: CASE WHEN COUNT { (o)<-[:AFFILIATED_WITH]-() } > $hubLimit THEN []
            ELSE [(o)<-[:AFFILIATED_WITH]-(c2) WHERE c2 <> c | c2.id] END}] AS organisations,
  [(c)<-[:MOVED_FROM|MOVED_TO]-(e:LineageEvent) | {id: e.id, kind: e.kind, at: toString(e.at),
    from: [(e)-[:MOVED_FROM]->(f) | f.id][0], to: [(e)-[:MOVED_TO]->(t) | t.id][0]}] AS events,
  [(c)<-[:MERGED_INTO]-(x) | x.id] AS mergedIn,
  c.mergedInto AS mergedInto`;
