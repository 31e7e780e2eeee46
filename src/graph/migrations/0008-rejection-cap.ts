import type { Migration } from './migration.ts';

// Rejected records of a source newest first, so that the cap on how many are kept drops the
// oldest without sorting them all, and each Source's count of them, which tells when the
// cap is reached without counting (CAP_REJECTIONS, NOTE_REJECTIONS).
export const rejectionCap: Migration = {
  version: 8,
  name: 'rejection-cap',
  statements: [
    'CREATE INDEX rejected_record_source_last_seen IF NOT EXISTS FOR (j:RejectedRecord) ON (j.source, j.lastSeenAt)',
    'MATCH (s:Source) SET s.rejectionCount = COUNT { MATCH (j:RejectedRecord) WHERE j.source = s.name }',
  ],
};
