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
