// A restriction of processing is kept on the person's records: SourceRecord.restrictedBy
// holds the id of the request that restricted them, so it goes wherever membership moves
// them (merge, split, unmerge, re-resolution) with no rule of its own there. The flag
// segments, webhooks and resolution read, Customer.restricted (absent when none, so
// predicates test `c.restricted IS NULL` cheaply), is derived from the records in every
// golden refresh (restriction.ts). Both are written only here (src/privacy/requests/).

export const RESTRICT_RECORDS = `
MATCH (c:Customer {id: $id}) USING INDEX SEEK c:Customer(id)
MATCH (c)<-[:BELONGS_TO]-(r:SourceRecord)
SET r.restrictedBy = $requestId`;

// The records the request restricted, wherever they are now.
export const LIFT_RECORDS = `
MATCH (r:SourceRecord) USING INDEX r:SourceRecord(restrictedBy)
WHERE r.restrictedBy = $requestId
REMOVE r.restrictedBy
RETURN count(r) AS records`;

// The customers carrying the request's flag: those to derive again once its records are lifted.
export const CUSTOMERS_RESTRICTED_BY = `
MATCH (c:Customer) USING INDEX c:Customer(restricted)
WHERE c.restricted = $requestId
RETURN c.id AS id`;

// A customer is restricted while any of its records is; a merged-away or emptied one is not.
// WITH before the filter: otherwise the planner scanned the restrictedBy index for every
// restricted record in the base (test/query-plans.int.test.ts).
export const DERIVE_RESTRICTION = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
WITH c, COLLECT { MATCH (c)<-[:BELONGS_TO]-(r:SourceRecord) WITH r.restrictedBy AS by WHERE by IS NOT NULL RETURN by ORDER BY by LIMIT 1 } AS by
WITH c, by[0] AS requestId
WHERE coalesce(c.restricted, '') <> coalesce(requestId, '')
SET c.restricted = requestId, c.restrictedAt = CASE WHEN requestId IS NULL THEN null ELSE datetime() END`;

export const RESTRICTED_OF = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
RETURN c.id AS id, c.restricted IS NOT NULL AS restricted`;
