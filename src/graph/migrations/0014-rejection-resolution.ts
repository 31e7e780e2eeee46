import type { Migration } from './migration.ts';

// A stored record supersedes the open rejections of the same source record id: they are
// found by (source, sourceRecordId) in the transaction that stores it.
export const rejectionResolution: Migration = {
  version: 14,
  name: 'rejection-resolution',
  statements: ['CREATE INDEX rejected_record_source_record IF NOT EXISTS FOR (j:RejectedRecord) ON (j.source, j.sourceRecordId)'],
};
