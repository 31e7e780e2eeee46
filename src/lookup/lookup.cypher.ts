// The customers holding each identifier key: its records' customers, followed along any
// merge chain to the survivor (records move on a merge, so this is a guard). The record
// count is the identifier's degree: a hub (a shared info@ address) is said to be one.
export const HOLDERS_OF_IDENTIFIERS = `
UNWIND $keys AS key
MATCH (i:Identifier {key: key}) USING INDEX SEEK i:Identifier(key)
CALL (i) {
  OPTIONAL MATCH (i)<-[:HAS_IDENTIFIER]-(r)-[:BELONGS_TO]->(c)
  OPTIONAL MATCH (c)-[:MERGED_INTO*1..50]->(s) WHERE s.status = 'active'
  WITH r, coalesce(s, c) AS holder
  RETURN count(DISTINCT r) AS records, collect(DISTINCT holder.id) AS customers
}
RETURN key, records, customers`;

// Ingestion reads a national phone number in its source's default country.
export const SOURCE_COUNTRIES = `
MATCH (s:Source) WHERE s.defaultCountry IS NOT NULL
RETURN DISTINCT s.defaultCountry AS country ORDER BY country`;

// The tokens are written with the customer's other derived read properties by
// src/view/customer-view.ts (WRITE_CUSTOMER_VIEWS), stamped with VIEW_VERSION.

// Created by migration 0015-customer-search.
const SEARCH_INDEX = 'customer_search';

// Ranked by score, then id; a page starts after its cursor's (score, id). At most
// $maxHits index hits are read: search answers the best matches, not every match.
export const SEARCH_CUSTOMERS = `
CALL db.index.fulltext.queryNodes('${SEARCH_INDEX}', $lucene, {limit: $maxHits}) YIELD node, score
WHERE node.status = 'active'
  AND ($ids IS NULL OR node.id IN $ids)
  AND ($afterScore IS NULL OR score < $afterScore OR (score = $afterScore AND node.id > $afterId))
WITH node, score ORDER BY score DESC, node.id LIMIT $limit
RETURN node.id AS id, score, node.searchNames AS names, node.searchSounds AS sounds, node.searchTerms AS terms,
       toString(node.createdAt) AS createdAt, toString(node.updatedAt) AS updatedAt`;

// Identifier filters alone: the customers they found, by id, a page after the cursor's id.
export const CUSTOMERS_PAGE = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
WITH c WHERE c.status = 'active' AND ($afterId IS NULL OR c.id > $afterId)
WITH c ORDER BY c.id LIMIT $limit
RETURN c.id AS id, 1.0 AS score, c.searchNames AS names, c.searchSounds AS sounds, c.searchTerms AS terms,
       toString(c.createdAt) AS createdAt, toString(c.updatedAt) AS updatedAt`;
