// Segment versions: one node per version, (id, version) unique (migration 0020).
export const CREATE_SEGMENT_VERSION = `
CREATE (s:Segment {id: $id, version: $version, name: $name, description: $description, definition: $definition,
                   createdBy: $actor, createdAt: datetime()})
RETURN s.id AS id, s.version AS version, s.name AS name, s.description AS description, s.definition AS definition,
       s.createdBy AS createdBy, toString(s.createdAt) AS createdAt`;

export const LATEST_SEGMENT = `
MATCH (s:Segment {id: $id}) USING INDEX SEEK s:Segment(id)
WITH s ORDER BY s.version DESC LIMIT 1
RETURN s.id AS id, s.version AS version, s.name AS name, s.description AS description, s.definition AS definition,
       s.createdBy AS createdBy, toString(s.createdAt) AS createdAt`;

export const SEGMENT_VERSIONS = `
MATCH (s:Segment {id: $id}) USING INDEX SEEK s:Segment(id)
RETURN s.version AS version, s.createdBy AS createdBy, toString(s.createdAt) AS createdAt ORDER BY version`;

// Over every active customer, or over those the driver yields (compile.ts: the customers
// with an interaction a required condition counts). Predicate and driver are compiled from
// a checked definition; they name only parameters.
const candidates = (driver: string | null) => (driver ? `${driver}\nWITH c WHERE` : 'MATCH (c:Customer) WHERE');

// A customer under a privacy restriction (Customer.restricted, src/privacy/requests/) is in no segment.
export const segmentCount = (predicate: string, driver: string | null = null) => `
${candidates(driver)} c.status = 'active' AND c.restricted IS NULL AND ${predicate}
RETURN count(c) AS count`;

// Members by customer id, seeking past the cursor.
export const segmentMembers = (predicate: string, driver: string | null = null) => `
${candidates(driver)} c.status = 'active' AND c.restricted IS NULL AND c.id > $after AND ${predicate}
WITH c ORDER BY c.id LIMIT $limit
RETURN c.id AS id`;

const interactionsOf = (filter: string) =>
  `COUNT { MATCH (c)<-[:BELONGS_TO]-(:SourceRecord)-[:HAS_IDENTIFIER*0..1]->()-[:HAD]->(x:Interaction) WHERE ${filter} RETURN DISTINCT x }`;

// What suppression decides on, for a page of members: lookups by key and expansions.
export const MEMBER_FACTS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
RETURN id, c.golden AS golden,
  // The effective consent the golden refresh stored beside the golden record (src/privacy/consent).
  coalesce(c.consentGranted, []) AS consentGranted, coalesce(c.consentDenied, []) AS consentDenied,
  coalesce(c.consentObjection, false) AS objection, coalesce(c.consentDoNotSell, false) AS doNotSell,
  ${interactionsOf("x.type = 'ticket' AND toLower(x.subtype) IN $complaintCategories AND NOT coalesce(toLower(x.status), '') IN $closedStatuses")} > 0 AS openComplaint,
  COLLECT { MATCH (c)<-[:BELONGS_TO]-(:SourceRecord)-[:HAS_IDENTIFIER*0..1]->()-[:HAD]->(x:Interaction)
            WHERE x.type = 'email_event' AND toLower(x.subtype) IN $emailStops RETURN DISTINCT toLower(x.subtype) AS s } AS emailStops,
  // A list entry names a customer id; it holds for the customer it was merged into too.
  COLLECT { MATCH (c)<-[:MERGED_INTO*0..50]-(m:Customer) WITH m MATCH (e:SuppressionEntry {customerId: m.id}) USING INDEX SEEK e:SuppressionEntry(customerId) RETURN DISTINCT e.list } AS lists`;

export const ADD_TO_SUPPRESSION_LIST = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
MERGE (e:SuppressionEntry {key: $list + '|' + id})
ON CREATE SET e.list = $list, e.customerId = id, e.addedBy = $actor, e.addedAt = datetime()
SET e.reason = $reason
RETURN id`;
