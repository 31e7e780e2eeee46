// The data-quality issues of a record version replace those of the version before: run
// for every changed record that has issues now or had some (UPSERT_RECORDS says which).
// The old ones are reached from the record, unlabelled, so no label is ever scanned.
export const REPLACE_QUALITY_ISSUES = `
UNWIND $rows AS row
MATCH (r:SourceRecord {key: row.key}) USING INDEX SEEK r:SourceRecord(key)
CALL (r) {
  MATCH (r)-[:HAS_QUALITY_ISSUE]->(old)
  DETACH DELETE old
}
WITH r, row
UNWIND row.issues AS x
CREATE (r)-[:HAS_QUALITY_ISSUE]->(:DataQualityIssue {key: x.key, recordKey: r.key, source: r.source,
  sourceRecordId: r.sourceRecordId, field: x.field, code: x.code, reason: x.reason, raw: x.raw, at: datetime()})`;

// Keys start with the record key, which starts with the source: one source's issues are a
// prefix range of the key index, read in key order from the cursor on.
export const LIST_QUALITY_ISSUES = `
MATCH (q:DataQualityIssue) USING INDEX SEEK q:DataQualityIssue(key)
WHERE q.key STARTS WITH $prefix AND q.key > $after
RETURN q {.key, .recordKey, .source, .sourceRecordId, .field, .code, .reason, .raw, at: toString(q.at)} AS issue
ORDER BY q.key
LIMIT $first`;

// Per source (a small label) and code: issues, and the records they were left out of.
export const QUALITY_SUMMARY = `
MATCH (s:Source)
WHERE $source IS NULL OR s.name = $source
CALL (s) {
  MATCH (q:DataQualityIssue) USING INDEX SEEK q:DataQualityIssue(key)
  WHERE q.key STARTS WITH s.name + '|'
  RETURN q.code AS code, count(q) AS issues, count(DISTINCT q.recordKey) AS records
}
RETURN s.name AS source, code, issues, records
ORDER BY source, code`;
