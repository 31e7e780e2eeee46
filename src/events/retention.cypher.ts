// Retention of change events (events/retention.ts). Each statement deletes at most
// $batch nodes and is run again until it deletes fewer, each run its own transaction.
// Two processes sweeping at once may pick the same nodes: the second's DELETE of a node
// the first deleted finds nothing to do.

/**
 * Deliveries that ended (DELIVERED, DEAD, CANCELLED, WITHHELD) before the cutoff. A delivery ends no
 * earlier than it was created, so the (status, createdAt) index finds the candidates; a
 * replayed delivery's last attempt is what counts.
 */
export const DELETE_ENDED_DELIVERIES = `
MATCH (d:WebhookDelivery) USING INDEX SEEK d:WebhookDelivery(status, createdAt)
WHERE d.status IN ['DELIVERED', 'DEAD', 'CANCELLED', 'WITHHELD'] AND d.createdAt < datetime($cutoff)
  AND coalesce(d.deliveredAt, d.lastAttemptAt, d.createdAt) < datetime($cutoff)
WITH d LIMIT $batch
DETACH DELETE d
RETURN count(*) AS deleted`;

/**
 * Events every consumer has passed: sequenced (the feeds read only sequenced events and
 * start at the newest), older than the cutoff, and with no delivery left (a DEAD delivery
 * may be replayed, which sends its event again).
 */
export const DELETE_PASSED_EVENTS = `
MATCH (e:OutboxEvent) USING INDEX SEEK e:OutboxEvent(at)
WHERE e.at < datetime($cutoff) AND e.seq IS NOT NULL AND NOT e:OutboxUnsequenced
  AND NOT EXISTS { MATCH (d:WebhookDelivery) USING INDEX SEEK d:WebhookDelivery(eventId) WHERE d.eventId = e.id }
WITH e LIMIT $batch
DETACH DELETE e
RETURN count(*) AS deleted`;
