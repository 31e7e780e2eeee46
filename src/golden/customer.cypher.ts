// An id merged away answers with the customer at the end of its merge chain. The stored
// golden record comes along: nearly every read of a customer shows its profile next.
export const CUSTOMERS_BY_ID = `
UNWIND $ids AS id
MATCH (asked:Customer {id: id}) USING INDEX SEEK asked:Customer(id)
OPTIONAL MATCH (asked)-[:MERGED_INTO*1..50]->(survivor) WHERE survivor.status = 'active'
WITH id, coalesce(survivor, asked) AS c
RETURN id AS requestedId, c.id AS id, coalesce(c.status, 'active') AS status, c.mergedInto AS mergedInto,
       toString(c.createdAt) AS createdAt, toString(c.updatedAt) AS updatedAt, c.golden AS golden`;

// A customer's id and every id merged into it, directly or through earlier merges.
export const MERGED_IDS = `
MATCH (c:Customer {id: $id}) USING INDEX SEEK c:Customer(id)
OPTIONAL MATCH (c)<-[:MERGED_INTO*1..50]-(x:Customer)
RETURN c.id AS id, collect(DISTINCT x.id) AS merged`;

export const RECORD_KEYS_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
RETURN id, [(c)<-[:BELONGS_TO]-(r:SourceRecord) | r.key] AS keys`;

export const CUSTOMER_OF_RECORDS = `
UNWIND $keys AS key
MATCH (r:SourceRecord {key: key})-[:BELONGS_TO]->(c:Customer) USING INDEX SEEK r:SourceRecord(key)
RETURN key, c.id AS id`;
