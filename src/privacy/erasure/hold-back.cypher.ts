// Tombstone keys still in force among a batch's keys (a seek per key).
export const TOMBSTONE_HITS = `
UNWIND $keys AS k
MATCH (t:TombstoneKey {key: k}) USING INDEX SEEK t:TombstoneKey(key)
WHERE t.releasedAt IS NULL
RETURN t.key AS key, t.requestId AS requestId, t.kind AS kind, t.type AS type`;

// The payload through the codec (encrypted under the encrypting codec), kept only for a release.
export const HOLD_BACK = `
UNWIND $rows AS row
CREATE (h:HeldBackRecord {id: row.id, source: row.source, requestId: row.requestId, matchedOn: row.matchedOn, matchedKeys: row.matchedKeys,
                          payload: row.payload, batchId: $batchId, at: datetime(), status: 'HELD'})`;

const HELD = `h {.id, .source, .requestId, .matchedOn, at: toString(h.at), .status, .decidedBy, decidedAt: toString(h.decidedAt)} AS held`;

export const LIST_HELD = `
MATCH (h:HeldBackRecord) USING INDEX SEEK h:HeldBackRecord(status, at)
WHERE h.status = $status AND h.at IS NOT NULL
RETURN ${HELD}
ORDER BY h.at DESC, h.id DESC
LIMIT $first`;

export const HELD_FOR_DECISION = `
MATCH (h:HeldBackRecord {id: $id}) USING INDEX SEEK h:HeldBackRecord(id)
SET h.lock = true
REMOVE h.lock
RETURN h.status AS status, h.source AS source, h.payload AS payload, h.matchedKeys AS matchedKeys, h.requestId AS requestId`;

export const RELEASE_KEYS = `
UNWIND $keys AS k
MATCH (t:TombstoneKey {key: k}) USING INDEX SEEK t:TombstoneKey(key)
SET t.releasedAt = datetime(), t.releasedBy = $heldBackId`;

// Decided: the payload goes, the entry stays as the record of the decision.
export const DECIDE_HELD = `
MATCH (h:HeldBackRecord {id: $id}) USING INDEX SEEK h:HeldBackRecord(id)
WHERE h.status = 'HELD'
SET h.status = $status, h.decidedBy = $actor, h.decidedAt = datetime(), h.payload = null
RETURN ${HELD}`;
