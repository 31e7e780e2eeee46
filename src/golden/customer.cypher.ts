export const CUSTOMERS_BY_ID = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})
RETURN c.id AS id, toString(c.createdAt) AS createdAt, toString(c.updatedAt) AS updatedAt`;
