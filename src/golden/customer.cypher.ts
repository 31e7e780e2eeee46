export const CUSTOMERS_BY_ID = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})
RETURN c.id AS id, coalesce(c.status, 'active') AS status, c.mergedInto AS mergedInto,
       toString(c.createdAt) AS createdAt, toString(c.updatedAt) AS updatedAt`;

export const RECORD_KEYS_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})
RETURN id, [(c)<-[:BELONGS_TO]-(r:SourceRecord) | r.key] AS keys`;

export const CUSTOMER_OF_RECORDS = `
UNWIND $keys AS key
MATCH (:SourceRecord {key: key})-[:BELONGS_TO]->(c:Customer)
RETURN key, c.id AS id`;
