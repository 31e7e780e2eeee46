// Key rotation (rotate-keys.job.ts) finds encrypted values generically: every string or
// string-list property of any node or relationship whose value starts with `enc1.`, so
// that a property added later is not missed. It walks the store by internal id windows:
// `UNWIND range(...)` with `id(n) = nid` plans as a by-id seek per id, so each window
// costs its own size and the store is read once over the whole job, never per page.
// id() is deprecated in favour of elementId(), which has no order to page by.

/** Highest internal id in use (-1 on an empty store): read at the start and at the end of each scope. */
export const MAX_NODE_ID = `MATCH (n) RETURN coalesce(max(id(n)), -1) AS max`;
export const MAX_RELATIONSHIP_ID = `MATCH ()-[r]->() RETURN coalesce(max(id(r)), -1) AS max`;

// For each encrypted (or, with $plaintext, plaintext codec) property of the window: its key
// ids, and its value only when something in it must be rewritten.
const VALUES_OF = (entity: string, labelsOf: string) => `
WITH ${entity}, property, ${entity}[property] AS value
WITH ${entity}, property, value,
     CASE WHEN value IS :: STRING THEN [value] WHEN value IS :: LIST<STRING NOT NULL> THEN value ELSE [] END AS strings
WITH ${entity}, property, value, [s IN strings WHERE s STARTS WITH 'enc1.' | split(s, '.')[1]] AS keyIds,
     $plaintext AND value IS :: STRING AND NOT value STARTS WITH 'enc1.'
       AND any(p IN $plain WHERE p.property = property AND p.label IN ${labelsOf}) AS plain
WHERE size(keyIds) > 0 OR plain
RETURN id(${entity}) AS id, property, keyIds, plain,
       CASE WHEN plain OR any(k IN keyIds WHERE k <> $current) THEN value END AS value`;

export const NODE_VALUES = `
UNWIND range($from, $to - 1) AS nid
MATCH (n) WHERE id(n) = nid
UNWIND keys(n) AS property
${VALUES_OF('n', 'labels(n)')}`;

export const RELATIONSHIP_VALUES = `
UNWIND range($from, $to - 1) AS rid
MATCH ()-[r]->() WHERE id(r) = rid
UNWIND keys(r) AS property
${VALUES_OF('r', '[type(r)]')}`;

// The conditional update: the entity's write lock is taken first (a property set and
// removed), then the value compared with the exact one read; only an unchanged value is
// replaced, so a write that landed in between is never lost. `now` is what is there instead.
const REWRITE = (match: string, entity: string) => `
UNWIND $rows AS row
${match}
SET ${entity}.keyRotationLock = true
REMOVE ${entity}.keyRotationLock
WITH ${entity}, row, ${entity}[row.property] = row.old AS same
CALL (${entity}, row, same) {
  WITH ${entity}, row WHERE same
  SET ${entity} += row.set
}
RETURN row.id AS id, row.property AS property, same AS written, CASE WHEN same THEN null ELSE ${entity}[row.property] END AS now`;

export const REWRITE_NODE_VALUES = REWRITE('MATCH (n) WHERE id(n) = row.id', 'n');
export const REWRITE_RELATIONSHIP_VALUES = REWRITE('MATCH ()-[r]->() WHERE id(r) = row.id', 'r');

// Upgrade from plaintext: identifiers whose key is still `type:normalized`, not the blind index.
// The label is tested after the id seek and the prefix with left(), not STARTS WITH: with
// either in the MATCH the planner scanned the whole key index instead (query-plan test).
export const PLAIN_IDENTIFIER_KEYS = `
UNWIND range($from, $to - 1) AS nid
MATCH (i) WHERE id(i) = nid AND i:Identifier
WITH i, i.type + ':' AS prefix
WHERE left(i.key, size(prefix)) = prefix AND left(i.key, size(prefix) + 3) <> prefix + 'h1:'
RETURN id(i) AS id, i.type AS type, i.key AS key`;

// An identifier created under the blind-index key since the upgrade (the same value,
// ingested again) takes the old one's records and activity; else the old one is re-keyed.
export const REKEY_IDENTIFIERS = `
UNWIND $rows AS row
MATCH (old:Identifier) WHERE id(old) = row.id AND old.key = row.oldKey
OPTIONAL MATCH (taken:Identifier {key: row.newKey})
CALL (old, row, taken) {
  WITH old, row, taken WHERE taken IS NULL
  SET old.key = row.newKey
}
CALL (old, taken) {
  WITH old, taken WHERE taken IS NOT NULL
  CALL (old, taken) {
    MATCH (r)-[e:HAS_IDENTIFIER]->(old)
    MERGE (r)-[:HAS_IDENTIFIER]->(taken)
    DELETE e
  }
  CALL (old, taken) {
    MATCH (old)-[e:HAD]->(x)
    MERGE (taken)-[:HAD]->(x)
    DELETE e
  }
  DETACH DELETE old
}
RETURN taken IS NOT NULL AS merged, CASE WHEN taken IS NULL THEN [] ELSE [(taken)-[:HAD]->(x) | x.key] END AS interactions`;

// Enrichments name their identifier by its lookup key, in their id too.
export const PLAIN_ENRICHMENT_KEYS = `
UNWIND range($from, $to - 1) AS nid
MATCH (e) WHERE id(e) = nid AND e:Enrichment
WITH e, e.identifierType + ':' AS prefix
WHERE left(e.identifierKey, size(prefix)) = prefix AND left(e.identifierKey, size(prefix) + 3) <> prefix + 'h1:'
RETURN id(e) AS id, e.identifierType AS type, e.identifierKey AS key, e.namespace AS namespace`;

// One written since the upgrade under the new key is the newer: the old one goes.
export const REKEY_ENRICHMENTS = `
UNWIND $rows AS row
MATCH (e:Enrichment) WHERE id(e) = row.id AND e.identifierKey = row.oldKey
OPTIONAL MATCH (taken:Enrichment {id: row.newId})
CALL (e, row, taken) {
  WITH e, row, taken WHERE taken IS NULL
  SET e.identifierKey = row.newKey, e.id = row.newId
}
CALL (e, taken) {
  WITH e, taken WHERE taken IS NOT NULL
  DETACH DELETE e
}
RETURN count(*) AS rekeyed`;

// At start-up: does any identifier still carry a plaintext key? Two range seeks per type
// on the key index (everything below `TYPE:h1:` and above `TYPE:h1;`), cheap at any size.
export const ANY_PLAIN_IDENTIFIER = `
UNWIND $types AS type
CALL (type) {
  MATCH (i:Identifier) USING INDEX i:Identifier(key)
  WHERE i.key >= type + ':' AND i.key < type + ':h1:'
  RETURN i.key AS key LIMIT 1
  UNION
  MATCH (i:Identifier) USING INDEX i:Identifier(key)
  WHERE i.key >= type + ':h1;' AND i.key < type + ';'
  RETURN i.key AS key LIMIT 1
}
RETURN count(key) > 0 AS plaintext`;
