// Recomputes the activity summary of every node the given interactions hang off (their
// record, or the identifier anonymous activity hangs off) from all of that node's
// interactions: idempotent by construction (interactions merge on their key), a changed
// total or status replaces the old one, a cancelled last order moves the last order date
// back. Costs one expansion per holder touched, never a scan. The holder has no label:
// it is a SourceRecord or an Identifier, reached from the interaction.
export const REFRESH_ACTIVITY = `
UNWIND $keys AS key
MATCH (x:Interaction {key: key}) USING INDEX SEEK x:Interaction(key)
MATCH (h)-[:HAD]->(x)
WITH DISTINCT h
CALL (h) {
  MATCH (h)-[:HAD]->(i:Interaction)
  WITH i, i.type = 'order' AND NOT coalesce(toLower(i.status), '') IN $rules.voidOrderStatuses AS counted
  RETURN count(i) AS interactions, max(i.occurredAt) AS lastInteractionAt,
         sum(CASE WHEN counted THEN 1 ELSE 0 END) AS orders,
         min(CASE WHEN counted THEN i.occurredAt END) AS firstOrderAt,
         max(CASE WHEN counted THEN i.occurredAt END) AS lastOrderAt,
         sum(CASE WHEN i.type = 'ticket' AND NOT coalesce(toLower(i.status), '') IN $rules.closedTicketStatuses THEN 1 ELSE 0 END) AS openTickets,
         max(CASE WHEN i.type = 'email_event' AND toLower(i.subtype) IN $rules.engagementSubtypes THEN i.occurredAt END) AS lastEngagedAt,
         max(CASE WHEN i.type = 'web_event' THEN i.occurredAt END) AS lastVisitAt
}
CALL (h) {
  MATCH (h)-[:HAD]->(i:Interaction)
  WHERE i.type = 'order' AND i.currency IS NOT NULL AND i.total IS NOT NULL
    AND NOT coalesce(toLower(i.status), '') IN $rules.voidOrderStatuses
  WITH i.currency AS currency, sum(i.total) AS value ORDER BY currency
  RETURN collect(currency) AS currencies, collect(value) AS values
}
SET h.activityInteractions = interactions, h.activityLastInteractionAt = lastInteractionAt,
    h.activityOrders = orders, h.activityFirstOrderAt = firstOrderAt, h.activityLastOrderAt = lastOrderAt,
    h.activityCurrencies = currencies, h.activityValues = values, h.activityOpenTickets = openTickets,
    h.activityLastEngagedAt = lastEngagedAt, h.activityLastVisitAt = lastVisitAt`;

const HOLDER = `h {interactions: h.activityInteractions, lastInteractionAt: h.activityLastInteractionAt,
  orders: h.activityOrders, firstOrderAt: h.activityFirstOrderAt, lastOrderAt: h.activityLastOrderAt,
  currencies: h.activityCurrencies, values: h.activityValues, openTickets: h.activityOpenTickets,
  lastEngagedAt: h.activityLastEngagedAt, lastVisitAt: h.activityLastVisitAt}`;

// The holders of each customer: its records and their identifiers, each once (an identifier
// two of its records carry counts once). One statement for every customer of a request.
export const ACTIVITY_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
CALL (c) {
  MATCH (c)<-[:BELONGS_TO]-(r:SourceRecord)
  CALL (r) {
    RETURN r AS h
    UNION
    MATCH (r)-[:HAS_IDENTIFIER]->(h) RETURN h
  }
  WITH DISTINCT h WHERE h.activityInteractions > 0
  RETURN collect(${HOLDER}) AS holders
}
RETURN id, holders`;

export const IDENTIFIERS_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id}) USING INDEX SEEK c:Customer(id)
CALL (c) {
  MATCH (c)<-[:BELONGS_TO]-(r:SourceRecord)-[:HAS_IDENTIFIER]->(i)
  WITH i, r ORDER BY r.key
  WITH i, collect(r {recordKey: r.key, .source, .sourceRecordId, .updatedAt}) AS sources
  ORDER BY i.type, i.key
  RETURN collect(i {.key, .type, .value, sources: sources}) AS identifiers
}
RETURN id, identifiers`;

// A page of each customer's timeline: interactions of its records and of their identifiers,
// newest first, key descending on ties, seeking past the cursor. Every bound is set (the
// open ends are the ends of time), so no branch of the filter depends on a missing value.
export const TIMELINE_OF_CUSTOMERS = `
UNWIND range(0, size($requests) - 1) AS index
WITH index, $requests[index] AS q
MATCH (c:Customer {id: q.id}) USING INDEX SEEK c:Customer(id)
CALL (c, q) {
  CALL (c) {
    MATCH (c)<-[:BELONGS_TO]-(:SourceRecord)-[:HAD]->(x:Interaction) RETURN x
    UNION
    MATCH (c)<-[:BELONGS_TO]-(:SourceRecord)-[:HAS_IDENTIFIER]->()-[:HAD]->(x:Interaction) RETURN x
  }
  WITH x, q
  WHERE x.type IN q.types AND x.occurredAt >= q.from AND x.occurredAt < q.to
    AND (q.channels IS NULL OR x.channel IN q.channels)
    AND (x.occurredAt < q.beforeAt OR (x.occurredAt = q.beforeAt AND x.key < q.beforeKey))
  WITH x, q ORDER BY x.occurredAt DESC, x.key DESC
  WITH q, collect(x) AS all
  UNWIND all[..q.limit] AS page
  RETURN collect(page {.*}) AS interactions
}
RETURN index, interactions`;
