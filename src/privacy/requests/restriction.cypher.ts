// The restriction flag: Customer.restricted holds the id of the request that restricted it;
// absent when not restricted, so segment predicates test `c.restricted IS NULL` cheaply.
// Written only here (src/privacy/requests/).
export const RESTRICT = `
MATCH (c:Customer {id: $id}) USING INDEX SEEK c:Customer(id)
SET c.restricted = $requestId, c.restrictedAt = datetime()
RETURN c.id AS id`;

export const LIFT = `
MATCH (c:Customer {id: $id}) USING INDEX SEEK c:Customer(id)
WHERE c.restricted = $requestId
REMOVE c.restricted, c.restrictedAt
RETURN c.id AS id`;

export const RESTRICTED_OF = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
RETURN c.id AS id, c.restricted IS NOT NULL AS restricted`;
