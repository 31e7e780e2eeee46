const NAMESPACE_FIELDS = `n.name AS name, n.partner AS partner, n.spec AS spec, n.description AS description, n.version AS version,
       toString(n.updatedAt) AS updatedAt`;

export const NAMESPACE_BY_NAME = `
MATCH (n:EnrichmentNamespace {name: $name}) USING INDEX SEEK n:EnrichmentNamespace(name)
RETURN ${NAMESPACE_FIELDS}`;

// Registering again replaces the spec of the same partner's namespace; another partner's
// name is refused by the caller before this runs.
export const UPSERT_NAMESPACE = `
MERGE (n:EnrichmentNamespace {name: $name})
ON CREATE SET n.partner = $partner, n.createdAt = datetime(), n.createdBy = $actor, n.version = 0
SET n.spec = $spec, n.description = $description, n.version = n.version + 1, n.updatedAt = datetime(), n.updatedBy = $actor
RETURN ${NAMESPACE_FIELDS}`;

export const LIST_NAMESPACES = `
MATCH (n:EnrichmentNamespace)
RETURN ${NAMESPACE_FIELDS}
ORDER BY n.name`;

/**
 * One (identifier key, namespace) holds the current version; the version it replaces is
 * kept behind it as an EnrichmentVersion. Attributes equal to the stored ones write nothing.
 * Never looks at Identifier or SourceRecord nodes: the answer is the same whether or not
 * anyone holds the identifier.
 */
export const APPEND_ENRICHMENT = `
MERGE (e:Enrichment {id: $id})
ON CREATE SET e.identifierKey = $identifierKey, e.identifierType = $identifierType, e.namespace = $namespace, e.version = 0
WITH e, coalesce(e.contentHash = $contentHash, false) AS same
CALL (e, same) {
  WITH e WHERE NOT same AND e.version > 0
  CREATE (e)-[:SUPERSEDED]->(:EnrichmentVersion {
    identifierKey: e.identifierKey, namespace: e.namespace, version: e.version, attrs: e.attrs,
    partner: e.partner, keyId: e.keyId, updatedAt: e.updatedAt, supersededAt: datetime({epochMillis: $now})
  })
}
CALL (e, same) {
  WITH e WHERE NOT same
  SET e.attrs = $attrs, e.contentHash = $contentHash, e.partner = $partner, e.keyId = $keyId,
      e.version = e.version + 1, e.updatedAt = datetime({epochMillis: $now})
}
RETURN e.version AS version, toString(e.updatedAt) AS updatedAt, NOT same AS changed`;

// For the audit trail only (who the enrichment is about now); its answer never reaches the partner.
export const CUSTOMERS_OF_IDENTIFIER = `
OPTIONAL MATCH (i:Identifier {key: $identifierKey}) USING INDEX SEEK i:Identifier(key)
OPTIONAL MATCH (i)<-[:HAS_IDENTIFIER]-(:SourceRecord)-[:BELONGS_TO]->(c:Customer)
WITH DISTINCT c.id AS id WHERE id IS NOT NULL
RETURN collect(id)[..$limit] AS customerIds`;

const ENRICHMENT_FIELDS = `e {.namespace, .partner, .identifierType, .attrs, .version, updatedAt: toString(e.updatedAt)}`;

export const ENRICHMENT_BY_ID = `
MATCH (e:Enrichment {id: $id}) USING INDEX SEEK e:Enrichment(id)
WHERE e.partner = $partner
RETURN ${ENRICHMENT_FIELDS} AS enrichment`;

// Enrichment meets a customer through the identifiers of its records, by key, so records
// ingested after the partner wrote pick it up.
export const ENRICHMENT_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
CALL (c) {
  MATCH (c)<-[:BELONGS_TO]-(:SourceRecord)-[:HAS_IDENTIFIER]->(i:Identifier)
  WITH DISTINCT i.key AS key
  MATCH (e:Enrichment {identifierKey: key}) USING INDEX SEEK e:Enrichment(identifierKey)
  RETURN collect(${ENRICHMENT_FIELDS}) AS enrichment
}
RETURN id, enrichment`;
