// The restriction flag: Customer.restricted holds the id of the request that restricted it;
// absent when not restricted, so segment predicates test `c.restricted IS NULL` cheaply.
// Set and lifted only here (src/privacy/requests/); membership carries it along with the
// person's records (a merge's survivor, a split's new customer: membership.cypher.ts).
export const RESTRICT = `
MATCH (c:Customer {id: $id}) USING INDEX SEEK c:Customer(id)
SET c.restricted = $requestId, c.restrictedAt = datetime()
RETURN c.id AS id`;

// Every customer the request's restriction reached: the one restricted and those its records went to.
export const LIFT = `
MATCH (c:Customer) USING INDEX c:Customer(restricted)
WHERE c.restricted = $requestId
REMOVE c.restricted, c.restrictedAt
RETURN c.id AS id`;

export const RESTRICTED_OF = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
RETURN c.id AS id, c.restricted IS NOT NULL AS restricted`;
