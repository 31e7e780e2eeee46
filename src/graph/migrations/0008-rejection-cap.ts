import type { Migration } from './migration.ts';

// Rejected records of a source newest first, so the cap on how many are kept drops the
// oldest without sorting them all (CAP_REJECTIONS).
export const rejectionCap: Migration = {
  version: 8,
  name: 'rejection-cap',
  statements: ['CREATE INDEX rejected_record_source_last_seen IF NOT EXISTS FOR (j:RejectedRecord) ON (j.source, j.lastSeenAt)'],
};
