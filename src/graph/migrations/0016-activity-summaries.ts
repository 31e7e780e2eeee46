import type { Migration } from './migration.ts';

/**
 * Activity summaries (src/profile/activity.ts): every node interactions hang off gets the
 * summary ingestion now keeps up to date, computed from its interactions as they are, in
 * transactions of 1,000 holders. The rules are written out as they stood in this version
 * (a migration never changes); a later change of the rules needs a migration of its own.
 */
export const activitySummaries: Migration = {
  version: 16,
  name: 'activity-summaries',
  statements: [
    `MATCH (h)-[:HAD]->(:Interaction)
     WITH DISTINCT h
     CALL (h) {
       CALL (h) {
         MATCH (h)-[:HAD]->(i:Interaction)
         WITH i, i.type = 'order' AND NOT coalesce(toLower(i.status), '') IN ['cancelled', 'canceled', 'refunded', 'voided', 'void', 'unfulfillable'] AS counted
         RETURN count(i) AS interactions, max(i.occurredAt) AS lastInteractionAt,
                sum(CASE WHEN counted THEN 1 ELSE 0 END) AS orders,
                min(CASE WHEN counted THEN i.occurredAt END) AS firstOrderAt,
                max(CASE WHEN counted THEN i.occurredAt END) AS lastOrderAt,
                sum(CASE WHEN i.type = 'ticket' AND NOT coalesce(toLower(i.status), '') IN ['solved', 'closed', 'resolved', 'cancelled', 'canceled'] THEN 1 ELSE 0 END) AS openTickets,
                max(CASE WHEN i.type = 'email_event' AND toLower(i.subtype) IN ['open', 'click'] THEN i.occurredAt END) AS lastEngagedAt,
                max(CASE WHEN i.type = 'web_event' THEN i.occurredAt END) AS lastVisitAt
       }
       CALL (h) {
         MATCH (h)-[:HAD]->(i:Interaction)
         WHERE i.type = 'order' AND i.currency IS NOT NULL AND i.total IS NOT NULL
           AND NOT coalesce(toLower(i.status), '') IN ['cancelled', 'canceled', 'refunded', 'voided', 'void', 'unfulfillable']
         WITH i.currency AS currency, sum(i.total) AS value ORDER BY currency
         RETURN collect(currency) AS currencies, collect(value) AS values
       }
       SET h.activityInteractions = interactions, h.activityLastInteractionAt = lastInteractionAt,
           h.activityOrders = orders, h.activityFirstOrderAt = firstOrderAt, h.activityLastOrderAt = lastOrderAt,
           h.activityCurrencies = currencies, h.activityValues = values, h.activityOpenTickets = openTickets,
           h.activityLastEngagedAt = lastEngagedAt, h.activityLastVisitAt = lastVisitAt
     } IN TRANSACTIONS OF 1000 ROWS`,
  ],
};
