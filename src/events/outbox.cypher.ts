// The outbox: (:OutboxEvent:OutboxUnsequenced {id, at, type, customerId, relatedIds,
// changedAttributes}) appended in the change's transaction; the sequencer (one at a time:
// it holds the OutboxSequence node's write lock) gives each its `seq` and queues webhook
// deliveries for it in the same transaction.

export const APPEND_OUTBOX = `
UNWIND $events AS ev
CREATE (:OutboxEvent:OutboxUnsequenced {id: ev.id, at: datetime(), type: ev.type, customerId: ev.customerId,
                                        relatedIds: ev.relatedIds, changedAttributes: ev.changedAttributes})`;

export const HAS_UNSEQUENCED = `
OPTIONAL MATCH (e:OutboxUnsequenced)
WITH e LIMIT 1
RETURN e IS NOT NULL AS pending`;

export const LOCK_SEQUENCE = `
MERGE (s:OutboxSequence {id: 'outbox'})
  ON CREATE SET s.seq = 0
SET s.lockedAt = datetime()
RETURN s.seq AS seq`;

export const UNSEQUENCED = `
MATCH (e:OutboxUnsequenced)
RETURN e.id AS id, e.type AS type
ORDER BY e.at, e.id
LIMIT $first`;

// Each event gets its place, then one delivery per active webhook that asked for its type.
export const SEQUENCE_EVENTS = `
UNWIND $rows AS row
MATCH (e:OutboxEvent {id: row.id}) USING INDEX SEEK e:OutboxEvent(id)
SET e.seq = row.seq
REMOVE e:OutboxUnsequenced
WITH e
CALL (e) {
  // No delivery for a customer under a privacy restriction (Customer.restricted, src/privacy/requests/).
  OPTIONAL MATCH (rc:Customer {id: e.customerId}) USING INDEX SEEK rc:Customer(id)
  WITH e, rc WHERE rc IS NULL OR rc.restricted IS NULL
  MATCH (w:Webhook) USING INDEX SEEK w:Webhook(active)
  WHERE w.active = true AND e.type IN w.eventTypes
  MERGE (d:WebhookDelivery {key: w.id + '|' + e.id})
    ON CREATE SET d.id = randomUUID(), d.webhookId = w.id, d.eventId = e.id, d.eventSeq = e.seq, d.eventType = e.type,
                  d.status = 'PENDING', d.attempts = 0, d.log = [], d.createdAt = datetime(), d.windowStart = datetime(),
                  d.nextAttemptAt = datetime()
  RETURN count(d) AS deliveries
}
RETURN sum(deliveries) AS deliveries`;

export const MOVE_SEQUENCE = `
MATCH (s:OutboxSequence {id: 'outbox'}) USING INDEX SEEK s:OutboxSequence(id)
SET s.seq = $seq`;

export const SEQUENCE_HEAD = `
OPTIONAL MATCH (s:OutboxSequence {id: 'outbox'}) USING INDEX SEEK s:OutboxSequence(id)
RETURN coalesce(s.seq, 0) AS seq`;

export const EVENTS_AFTER = `
MATCH (e:OutboxEvent) USING INDEX SEEK e:OutboxEvent(seq)
WHERE e.seq > $after
RETURN e.id AS id, e.seq AS seq, toString(e.at) AS at, e.type AS type, e.customerId AS customerId,
       e.relatedIds AS relatedIds, e.changedAttributes AS changedAttributes
ORDER BY e.seq
LIMIT $first`;

export const EVENT_BY_ID = `
MATCH (e:OutboxEvent {id: $id}) USING INDEX SEEK e:OutboxEvent(id)
RETURN e.id AS id, e.seq AS seq, toString(e.at) AS at, e.type AS type, e.customerId AS customerId,
       e.relatedIds AS relatedIds, e.changedAttributes AS changedAttributes`;
