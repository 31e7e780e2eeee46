const REJECTION = `j {.id, .source, .batchId, .position, .sourceRecordId, .field, .reason, .code, .status,
          .payload, .payloadBytes, .payloadTruncated, .timesSeen, .supersededBy, .dismissedBy, .dismissReason,
          firstSeenAt: toString(j.firstSeenAt), lastSeenAt: toString(j.lastSeenAt),
          replayedAt: toString(j.replayedAt), resolvedAt: toString(j.resolvedAt), dismissedAt: toString(j.dismissedAt)}`;

export const LIST_REJECTIONS = `
MATCH (j:RejectedRecord)
WHERE ($source IS NULL OR j.source = $source) AND ($status IS NULL OR j.status = $status)
  AND ($ids IS NULL OR j.id IN $ids)
RETURN ${REJECTION} AS rejection
ORDER BY j.lastSeenAt DESC, j.id
LIMIT $first`;

// A stored record supersedes the open rejections of the same source record that came
// before it: those of earlier calls, and those at earlier positions of its own call (a
// bad version sent after the good one in one file is still waiting). Once the record is
// stored, the rejection's copy of it is personal data kept twice: dropped.
export const RESOLVE_SUPERSEDED_REJECTIONS = `
UNWIND $rows AS row
MATCH (j:RejectedRecord {source: row.source, sourceRecordId: row.sourceRecordId}) USING INDEX SEEK j:RejectedRecord(source, sourceRecordId)
WHERE j.status = 'open' AND (j.batchId <> $batchId OR j.position < row.position)
SET j.status = 'resolved', j.resolvedAt = datetime(), j.supersededBy = row.key, j.payload = null
RETURN count(j) AS resolved`;

// Only an open rejection is dismissed; `was` tells the caller what it found.
export const DISMISS_REJECTION = `
MATCH (j:RejectedRecord {id: $id}) USING INDEX SEEK j:RejectedRecord(id)
WITH j, j.status AS was
CALL (j, was) {
  WITH j WHERE was = 'open'
  SET j.status = 'dismissed', j.dismissedAt = datetime(), j.dismissedBy = $by, j.dismissReason = $reason, j.payload = null
}
RETURN was, ${REJECTION} AS rejection`;

// Once a record is stored, its copy in the rejection is personal data kept twice: drop it.
export const MARK_REPLAYED = `
UNWIND $ids AS id
MATCH (j:RejectedRecord {id: id})
SET j.status = 'replayed', j.replayedAt = datetime(), j.payload = null`;

// Adds a batch's rejections to the Source's count of them, an upper bound (a rejection
// seen again counts again) that CAP_REJECTIONS makes exact. Writing the Source takes its
// lock first, so two batches of one source count and prune one after the other.
export const NOTE_REJECTIONS = `
MATCH (s:Source {name: $source})
SET s.rejectionCount = coalesce(s.rejectionCount, 0) + $added
RETURN s.rejectionCount AS counted`;

// Keeps the newest $cap rejections of a source, drops the rest and counts them, and sets
// the exact count. Run only when NOTE_REJECTIONS counted more than $cap. The index on
// (source, lastSeenAt) walks them newest first: ordering by both of its properties is
// what lets the planner read that order instead of sorting.
export const CAP_REJECTIONS = `
MATCH (s:Source {name: $source})
CALL (s) {
  MATCH (j:RejectedRecord) USING INDEX SEEK j:RejectedRecord(source, lastSeenAt)
  WHERE j.source = $source AND j.lastSeenAt IS NOT NULL
  WITH j ORDER BY j.source DESC, j.lastSeenAt DESC
  WITH collect(j) AS newestFirst
  FOREACH (j IN newestFirst[$cap..] | DETACH DELETE j)
  RETURN size(newestFirst) AS total
}
WITH s, total, CASE WHEN total > $cap THEN total - $cap ELSE 0 END AS dropped
SET s.rejectionCount = total - dropped,
    s.droppedRejectionCount = coalesce(s.droppedRejectionCount, 0) + dropped
RETURN dropped`;
