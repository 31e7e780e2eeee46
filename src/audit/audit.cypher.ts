// Writers only create: an entry starts unsealed (no seq, no hash) so concurrent
// operations never wait on one another for the chain; the sealer chains it later.
export const APPEND_ENTRIES = `
UNWIND $rows AS row
CREATE (:AuditEntry:AuditUnsealed {
  id: row.id, at: datetime(), actor: $actor, role: $role, requestId: $requestId,
  operation: row.operation, customerIds: row.customerIds, recordKeys: row.recordKeys,
  fields: row.fields, reason: row.reason, detail: row.detail,
  v: row.v, recordKeySalts: row.recordKeySalts, recordKeyDigests: row.recordKeyDigests,
  reasonSalt: row.reasonSalt, reasonDigest: row.reasonDigest
})`;

// The same entry, each row naming its own actor: one statement for the entries of many
// requests (AuditService.recordGrouped).
export const APPEND_ACTOR_ENTRIES = `
UNWIND $rows AS row
CREATE (:AuditEntry:AuditUnsealed {
  id: row.id, at: datetime(), actor: row.actor, role: row.role, requestId: row.requestId,
  operation: row.operation, customerIds: row.customerIds, recordKeys: row.recordKeys,
  fields: row.fields, reason: row.reason, detail: row.detail,
  v: row.v, recordKeySalts: row.recordKeySalts, recordKeyDigests: row.recordKeyDigests,
  reasonSalt: row.reasonSalt, reasonDigest: row.reasonDigest
})`;

// The one projection of an entry: what is returned is exactly what is hashed.
const ENTRY = `e {.id, .seq, at: toString(e.at), .actor, .role, .requestId, .operation, .customerIds,
           .recordKeys, .fields, .reason, .detail, .prevHash, .hash,
           .v, .recordKeySalts, .recordKeyDigests, .reasonSalt, .reasonDigest} AS entry`;

export const HAS_UNSEALED = `
RETURN EXISTS { MATCH (:AuditUnsealed) } AS pending`;

// The write lock on the one head node serialises sealers until the transaction ends;
// everything the sealer reads comes after it, in later statements.
export const LOCK_HEAD = `
MERGE (h:AuditHead {id: 'chain'})
  ON CREATE SET h.seq = 0
SET h.lockedAt = datetime()`;

export const READ_HEAD = `
MATCH (h:AuditHead {id: 'chain'})
RETURN h.seq AS seq, h.hash AS hash, h.lastId AS lastId`;

export const UNSEALED_ENTRIES = `
MATCH (e:AuditUnsealed)
RETURN ${ENTRY}
ORDER BY e.at, e.id
LIMIT $first`;

export const SEAL_ENTRIES = `
UNWIND $rows AS row
MATCH (e:AuditEntry {id: row.id}) USING INDEX SEEK e:AuditEntry(id)
WHERE e:AuditUnsealed
SET e.seq = toInteger(row.seq), e.prevHash = row.prevHash, e.hash = row.hash
REMOVE e:AuditUnsealed`;

export const MOVE_HEAD = `
MATCH (h:AuditHead {id: 'chain'})
SET h.seq = toInteger($seq), h.hash = $hash, h.lastId = $lastId, h.sealedAt = datetime()`;

// Walks the unique seq index in order, one page after another.
export const CHAIN_PAGE = `
MATCH (e:AuditEntry) USING INDEX SEEK e:AuditEntry(seq)
WHERE e.seq > $after
RETURN ${ENTRY}
ORDER BY e.seq
LIMIT $first`;

// The list filters (customer, record) are a scan of the entries in the time window:
// the at index narrows by time, the rest is checked entry by entry.
export const LIST_ENTRIES = `
MATCH (e:AuditEntry) USING INDEX SEEK e:AuditEntry(at)
WHERE e.at >= datetime($from) AND e.at <= datetime($to)
  AND ($customerId IS NULL OR $customerId IN e.customerIds)
  AND ($recordKey IS NULL OR $recordKey IN e.recordKeys)
  AND ($operations IS NULL OR e.operation IN $operations)
  AND ($actor IS NULL OR e.actor = $actor)
RETURN ${ENTRY}
ORDER BY e.at DESC, e.id DESC
LIMIT $first`;

export const ACCESS_LOG = `
MATCH (e:AuditEntry) USING INDEX SEEK e:AuditEntry(operation, at)
WHERE e.operation = 'read.profile' AND e.at >= datetime($from) AND e.at <= datetime($to)
  AND any(id IN e.customerIds WHERE id IN $customerIds)
RETURN ${ENTRY}
ORDER BY e.at DESC, e.id DESC
LIMIT $first`;
