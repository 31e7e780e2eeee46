// Pages seek by key from the cursor ('' before the first page) in index order; with
// "$after IS NULL OR ..." every page scanned and sorted all records.
export const RECORD_PAGE = `
MATCH (r:SourceRecord) USING INDEX SEEK r:SourceRecord(key)
WHERE r.key > coalesce($after, '')
RETURN r.key AS key, r.attrs AS attrs
ORDER BY r.key
LIMIT $size`;

export const SUPERSEDE_OPEN_REVIEWS = `
MATCH ()-[m:MATCHED {status: 'open'}]->()
SET m.status = 'superseded'`;

export const ALL_CANNOT_LINKS = `MATCH (a:SourceRecord)-[:CANNOT_LINK]->(b:SourceRecord) RETURN a.key AS a, b.key AS b`;

export const ALL_SPLIT_SIDES = `MATCH (r:SourceRecord)-[s:SPLIT_SIDE]->(d:SplitDecision) RETURN r.key AS node, d.id AS decision, s.side AS side`;

export const ACTIVE_CUSTOMER_PAGE = `
MATCH (c:Customer) USING INDEX SEEK c:Customer(id)
WHERE c.id > coalesce($after, '') AND c.status = 'active'
RETURN c.id AS id ORDER BY c.id LIMIT $size`;

export const MEMBERSHIPS = `
MATCH (r:SourceRecord)-[:BELONGS_TO]->(c:Customer)
RETURN r.key AS key, c.id AS customer, toString(c.createdAt) AS createdAt`;

