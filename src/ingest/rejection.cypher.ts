export const LIST_REJECTIONS = `
MATCH (j:RejectedRecord)
WHERE ($source IS NULL OR j.source = $source) AND ($status IS NULL OR j.status = $status)
  AND ($ids IS NULL OR j.id IN $ids)
RETURN j {.id, .source, .batchId, .position, .sourceRecordId, .field, .reason, .code, .status,
          .payload, .payloadBytes, .payloadTruncated, .timesSeen,
          firstSeenAt: toString(j.firstSeenAt), lastSeenAt: toString(j.lastSeenAt),
          replayedAt: toString(j.replayedAt)} AS rejection
ORDER BY j.lastSeenAt DESC, j.id
LIMIT $first`;

// Once a record is stored, its copy in the rejection is personal data kept twice: drop it.
export const MARK_REPLAYED = `
UNWIND $ids AS id
MATCH (j:RejectedRecord {id: id})
SET j.status = 'replayed', j.replayedAt = datetime(), j.payload = null`;

// Keeps the newest $cap rejections of a source. The Source is written first: that takes
// its lock, so two batches of one source prune one after the other, each seeing what the
// other dropped. The index on (source, lastSeenAt) walks them newest first, no sort.
export const CAP_REJECTIONS = `
MATCH (s:Source {name: $source})
SET s.droppedRejectionCount = coalesce(s.droppedRejectionCount, 0)
WITH s
CALL (s) {
  MATCH (j:RejectedRecord) USING INDEX SEEK j:RejectedRecord(source, lastSeenAt)
  WHERE j.source = $source AND j.lastSeenAt IS NOT NULL
  WITH j ORDER BY j.lastSeenAt DESC
  SKIP $cap
  DETACH DELETE j
  RETURN count(*) AS dropped
}
SET s.droppedRejectionCount = s.droppedRejectionCount + dropped
RETURN dropped`;
