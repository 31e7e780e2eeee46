// Data subject requests: (:PrivacyRequest {id, kind, customerId, status, receivedAt, dueAt, ...,
// log}) — the customer by id, not by a relationship, so the request (the proof of what was
// done) outlives an erasure of the customer. `log` holds one JSON step per entry.

const REQUEST = `r {.id, .kind, .customerId, .status, receivedAt: toString(r.receivedAt), dueAt: toString(r.dueAt),
  .extensionReason, .openedBy, .verificationMethod, .verificationReference, .verifiedBy, verifiedAt: toString(r.verifiedAt),
  .consentDecision, closedAt: toString(r.closedAt), .log, .erasureStep, .erasureCustomerIds, .erasureSince} AS request`;

export const ACTIVE_CUSTOMER = `
MATCH (c:Customer {id: $id}) USING INDEX SEEK c:Customer(id)
OPTIONAL MATCH (c)-[:MERGED_INTO*1..50]->(s) WHERE s.status = 'active'
RETURN coalesce(s, c).id AS id`;

export const OPEN_REQUEST = `
CREATE (r:PrivacyRequest {id: $id, kind: $kind, customerId: $customerId, status: 'RECEIVED',
  receivedAt: datetime($receivedAt), dueAt: datetime($dueAt), openedBy: $actor, log: [$step]})
RETURN ${REQUEST}`;

export const REQUEST_BY_ID = `
MATCH (r:PrivacyRequest {id: $id}) USING INDEX SEEK r:PrivacyRequest(id)
RETURN ${REQUEST}`;

// The request's write lock, taken before its status is read: two officers acting at once
// run one after the other, and the second sees what the first committed.
export const LOCK_REQUEST = `
MATCH (r:PrivacyRequest {id: $id}) USING INDEX SEEK r:PrivacyRequest(id)
SET r.lock = true
REMOVE r.lock`;

// A step happens only from the statuses it may follow, checked after LOCK_REQUEST in the
// same transaction, so two officers acting at once cannot both move the request.
export const STEP_REQUEST = `
MATCH (r:PrivacyRequest {id: $id}) USING INDEX SEEK r:PrivacyRequest(id)
WHERE r.status IN $from AND ($kinds IS NULL OR r.kind IN $kinds)
SET r += $set, r.status = coalesce($to, r.status), r.log = r.log + $step,
    r.closedAt = CASE WHEN $to IN ['COMPLETED', 'REJECTED'] THEN datetime($now) ELSE r.closedAt END
RETURN ${REQUEST}`;

// A step that changes no status (lifting a restriction on a completed request).
export const LOG_STEP = `
MATCH (r:PrivacyRequest {id: $id}) USING INDEX SEEK r:PrivacyRequest(id)
SET r.log = r.log + $step
RETURN ${REQUEST}`;

// Open requests past due come from the (status, dueAt) index; the rest by receipt, newest first.
export const LIST_REQUESTS = `
MATCH (r:PrivacyRequest) USING INDEX SEEK r:PrivacyRequest(receivedAt)
WHERE r.receivedAt <= datetime($now)
  AND ($statuses IS NULL OR r.status IN $statuses)
  AND ($kinds IS NULL OR r.kind IN $kinds)
  AND ($customerId IS NULL OR r.customerId = $customerId)
  AND (NOT $overdue OR (NOT r.status IN ['COMPLETED', 'REJECTED'] AND r.dueAt < datetime($now)))
RETURN ${REQUEST}
ORDER BY r.receivedAt DESC, r.id DESC
LIMIT $first`;

export const REQUESTS_OF_CUSTOMERS = `
UNWIND $ids AS id
MATCH (r:PrivacyRequest {customerId: id}) USING INDEX SEEK r:PrivacyRequest(customerId)
RETURN ${REQUEST}
ORDER BY request.receivedAt`;
