/**
 * `{ customer(id) { records { customer { records ... } } } }` with `objectLevels` object
 * fields and a leaf below: eight object levels is depth 9 as graphql-armor counts. Before
 * the query limits, eight levels grew the API to 4.4 GB and killed it.
 */
export function cyclicCustomerQuery(objectLevels: number, id = 'cus_1'): string {
  let body = objectLevels % 2 === 0 ? 'sourceRecordId' : 'id';
  for (let level = objectLevels; level >= 1; level -= 1) {
    const field = level === 1 ? `customer(id: ${JSON.stringify(id)})` : level % 2 === 0 ? 'records' : 'customer';
    body = `${field} { ${body} }`;
  }
  return `{ ${body} }`;
}

/** `n` aliased root fields. */
export const aliasedQuery = (n: number, field = 'me { id }') => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
