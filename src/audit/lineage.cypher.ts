// Merges, splits and unmerges touching any of the customers: one step of the lineage walk.
export const EVENTS_TOUCHING = `
UNWIND $ids AS id
MATCH (touched:Customer {id: id})<-[:MOVED_FROM|MOVED_TO]-(e:LineageEvent) USING INDEX SEEK touched:Customer(id)
WITH DISTINCT e
MATCH (e)-[:MOVED_FROM]->(f:Customer), (e)-[:MOVED_TO]->(t:Customer)
RETURN e.id AS id, e.kind AS kind, toString(e.at) AS at, e.actor AS actor, e.role AS role, e.reason AS reason,
       e.evidence AS evidence, size(e.recordKeys) AS records, e.undoes AS undoes, f.id AS from, t.id AS to`;
