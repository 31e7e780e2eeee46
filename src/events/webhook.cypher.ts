import { consentAllows } from '../privacy/consent/consent.cypher.ts';

// (:Webhook {id, url, eventTypes, description, secret (through the codec), active, createdBy, createdAt})
// (:WebhookDelivery {id, key: webhookId|eventId, webhookId, eventId, eventSeq, eventType, status, attempts,
//   lastStatusCode, lastError, lastAttemptAt, nextAttemptAt, deliveredAt, createdAt, windowStart, claim, log})
// While a worker holds a delivery, its nextAttemptAt is the end of the lease: a process
// that stopped mid-attempt leaves it due again once the lease ran out.

const WEBHOOK = `w {.id, .url, .eventTypes, .description, .consentPurpose, .createdBy, createdAt: toString(w.createdAt)} AS webhook`;
const DELIVERY = `d {.id, .webhookId, .eventId, .eventType, .status, .attempts, .lastStatusCode, .lastError, .log,
  lastAttemptAt: toString(d.lastAttemptAt), nextAttemptAt: CASE WHEN d.status = 'PENDING' THEN toString(d.nextAttemptAt) END,
  deliveredAt: toString(d.deliveredAt), createdAt: toString(d.createdAt)} AS delivery`;

export const CREATE_WEBHOOK = `
CREATE (w:Webhook {id: $id, url: $url, eventTypes: $eventTypes, description: $description, secret: $secret,
                   active: true, createdBy: $actor, createdAt: datetime()})
RETURN ${WEBHOOK}`;

export const ACTIVE_WEBHOOKS = `
MATCH (w:Webhook) USING INDEX SEEK w:Webhook(active)
WHERE w.active = true
RETURN ${WEBHOOK}
ORDER BY w.createdAt, w.id`;

// The secret goes with the webhook; pending deliveries are cancelled, the log stays.
export const DELETE_WEBHOOK = `
MATCH (w:Webhook {id: $id}) USING INDEX SEEK w:Webhook(id)
WHERE w.active = true
SET w.active = null, w.secret = null, w.deletedAt = datetime(), w.deletedBy = $actor
WITH w
CALL (w) {
  MATCH (d:WebhookDelivery) USING INDEX SEEK d:WebhookDelivery(status, nextAttemptAt)
  WHERE d.status = 'PENDING' AND d.nextAttemptAt IS NOT NULL AND d.webhookId = w.id
  SET d.status = 'CANCELLED', d.claim = null
  RETURN count(d) AS cancelled
}
RETURN ${WEBHOOK}, cancelled`;

export const DELIVERIES = `
OPTIONAL MATCH (a:WebhookDelivery {id: $after}) USING INDEX SEEK a:WebhookDelivery(id)
WITH CASE WHEN $after IS NULL THEN null ELSE coalesce(a.eventSeq, -1) END AS before
MATCH (d:WebhookDelivery) USING INDEX SEEK d:WebhookDelivery(webhookId, eventSeq)
WHERE d.webhookId = $webhookId AND d.eventSeq < coalesce(before, 9223372036854775807)
  AND ($status IS NULL OR d.status = $status)
RETURN ${DELIVERY}
ORDER BY d.eventSeq DESC
LIMIT $first`;

export const REPLAY_DELIVERY = `
MATCH (d:WebhookDelivery {id: $id}) USING INDEX SEEK d:WebhookDelivery(id)
MATCH (w:Webhook {id: d.webhookId}) USING INDEX SEEK w:Webhook(id)
WITH d, w WHERE w.active = true
SET d.status = 'PENDING', d.nextAttemptAt = datetime(), d.windowStart = datetime(), d.claim = null,
    d.replays = coalesce(d.replays, 0) + 1
RETURN ${DELIVERY}`;

// Locks each due delivery (the write), then checks again that it is still due: of two
// workers that read it at once, the second sees the first's lease and leaves it.
export const CLAIM_DUE = `
MATCH (d:WebhookDelivery) USING INDEX SEEK d:WebhookDelivery(status, nextAttemptAt)
WHERE d.status = 'PENDING' AND d.nextAttemptAt <= datetime()
WITH d ORDER BY d.nextAttemptAt LIMIT $limit
SET d.claiming = true
REMOVE d.claiming
WITH d WHERE d.status = 'PENDING' AND d.nextAttemptAt <= datetime()
SET d.claim = $claim, d.nextAttemptAt = datetime() + duration({milliseconds: $leaseMs})
WITH d
MATCH (w:Webhook {id: d.webhookId}) USING INDEX SEEK w:Webhook(id)
MATCH (e:OutboxEvent {id: d.eventId}) USING INDEX SEEK e:OutboxEvent(id)
// A marketing or third-party destination gets an event only when the consent of every
// customer it names allows it now, at sending (src/privacy/consent): each id is followed
// to the active customer it resolves to; an id that names no customer allows nothing.
CALL (w, e) {
  UNWIND CASE WHEN w.consentPurpose IS NULL THEN [] ELSE [e.customerId] + e.relatedIds END AS cid
  OPTIONAL MATCH (c:Customer {id: cid}) USING INDEX SEEK c:Customer(id)
  OPTIONAL MATCH (c)-[:MERGED_INTO*1..50]->(s:Customer) WHERE s.status = 'active'
  WITH w, coalesce(s, c) AS a
  RETURN collect(a IS NOT NULL AND ${consentAllows('a', 'w.consentPurpose')}) AS checks
}
WITH d, w, e, w.consentPurpose IS NULL OR (size(checks) > 0 AND all(ok IN checks WHERE ok)) AS consented
RETURN d.id AS id, d.attempts AS attempts, w.url AS url, w.secret AS secret, consented,
       e {.id, .type, .customerId, .relatedIds, .changedAttributes, at: toString(e.at)} AS event`;

// A claimed delivery the customers' consent does not allow: ended without being sent.
export const WITHHOLD_DELIVERY = `
MATCH (d:WebhookDelivery {id: $id}) USING INDEX SEEK d:WebhookDelivery(id)
WHERE d.claim = $claim
SET d.status = 'WITHHELD', d.claim = null, d.nextAttemptAt = null, d.lastAttemptAt = datetime(),
    d.lastError = 'withheld: consent', d.log = (d.log + [$entry])[-$keep..]`;

export const SET_WEBHOOK_CONSENT_PURPOSE = `
MATCH (w:Webhook {id: $id}) USING INDEX SEEK w:Webhook(id)
WHERE w.active = true
SET w.consentPurpose = $purpose
RETURN ${WEBHOOK}`;

// Only the claim's holder records its attempt; one whose lease ran out and was claimed
// again records nothing.
export const RECORD_ATTEMPT = `
MATCH (d:WebhookDelivery {id: $id}) USING INDEX SEEK d:WebhookDelivery(id)
WHERE d.claim = $claim
WITH d, CASE WHEN $ok THEN 'DELIVERED'
             WHEN d.windowStart + duration({milliseconds: $retryForMs}) <= datetime() THEN 'DEAD'
             ELSE 'PENDING' END AS status
SET d.status = status, d.attempts = d.attempts + 1, d.lastStatusCode = $statusCode, d.lastError = $error,
    d.lastAttemptAt = datetime(), d.claim = null,
    d.deliveredAt = CASE WHEN $ok THEN datetime() ELSE d.deliveredAt END,
    d.nextAttemptAt = CASE WHEN status = 'PENDING' THEN datetime() + duration({milliseconds: $delayMs}) ELSE null END,
    d.log = (d.log + [$entry])[-$keep..]
RETURN status`;
